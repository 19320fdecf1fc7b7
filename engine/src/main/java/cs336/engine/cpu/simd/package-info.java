/**
 * The Vector API kernels (the only engine package besides GEMM and attention that imports
 * {@code jdk.incubator.vector}). {@link cs336.engine.cpu.simd.Simd} probes for the module without
 * touching it; {@link cs336.engine.cpu.simd.SimdKernels} overrides the hot kernels of the scalar
 * reference and falls back to it for layouts it does not vectorise.
 */
package cs336.engine.cpu.simd;
