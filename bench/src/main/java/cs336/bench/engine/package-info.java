/**
 * JMH benchmarks of the engine's kernels, each checked against the scalar reference before timing:
 * {@link cs336.bench.engine.AttentionBench} against a baseline measured in the same run,
 * {@link cs336.bench.engine.GemmBench} against numpy's OpenBLAS by {@code bench/compare-blas.sh},
 * which runs both on each shape back to back.
 */
package cs336.bench.engine;
