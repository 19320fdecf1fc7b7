/**
 * JMH benchmarks of the engine's kernels, each against a baseline measured in the same run and
 * checked against the scalar reference before timing ({@link cs336.bench.engine.AttentionBench}).
 */
package cs336.bench.engine;
