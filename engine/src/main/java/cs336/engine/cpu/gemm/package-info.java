/**
 * GEMM for the CPU engine: {@link cs336.engine.cpu.gemm.Gemm} (the fast entry point) and
 * {@link cs336.engine.cpu.gemm.GemmReference} (the triple loop it is tested against). C's columns
 * are contiguous (column stride 1); A and B take any strides, so transposes cost nothing.
 */
package cs336.engine.cpu.gemm;
