/**
 * Benchmarks of the model: a full training step of the handout's TinyStories model (JMH
 * {@link cs336.bench.nn.TrainStepBench}, and {@link cs336.bench.nn.TrainStepMain} printing the
 * JSON line bench/compare-torch.sh puts beside PyTorch's), and decoding with and without the KV
 * cache ({@link cs336.bench.nn.GenerateBench}).
 */
package cs336.bench.nn;
