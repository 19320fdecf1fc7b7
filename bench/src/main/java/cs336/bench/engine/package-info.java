/**
 * JMH benchmarks of the engine's kernels, each checked against the scalar reference before timing:
 * {@link cs336.bench.engine.AttentionBench} against a baseline measured in the same run,
 * {@link cs336.bench.engine.GemmBench} against numpy's OpenBLAS by {@code bench/compare-blas.sh},
 * which runs both on each shape back to back; the memory-bound kernels ({@link
 * cs336.bench.engine.SoftmaxBench}, {@link cs336.bench.engine.RmsNormBench}) beside one
 * {@code System.arraycopy} of the same bytes in the same run ({@link
 * cs336.bench.engine.CopyBaseline}); {@link cs336.bench.engine.CrossEntropyBench} fused against its
 * composite twin.
 */
package cs336.bench.engine;
