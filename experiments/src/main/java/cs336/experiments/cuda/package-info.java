/**
 * {@code ./cs336 cuda-check}: the CUDA device checked on a GPU machine in one run. Every kernel
 * against the CPU engine ({@link cs336.experiments.cuda.KernelChecks}), the PyTorch conformance
 * fixtures computed on the GPU by the nn module's adapters ({@link cs336.experiments.cuda.Conformance}),
 * kernel and training-step throughput of the nn module's model and the BF16-vs-FP32 loss curves
 * ({@link cs336.experiments.cuda.StepBenchmark}), all written to one JSON summary
 * ({@link cs336.experiments.cuda.CheckLog}). scripts/gpu-check.sh runs it there; without a GPU it
 * says so in one line. The tests run the same harness on {@link cs336.engine.cpu.StandInDevice}.
 */
package cs336.experiments.cuda;
