/**
 * GEMM for the CPU engine. C's columns are contiguous (column stride 1); A and B take any strides,
 * so transposes cost nothing beyond packing.
 *
 * <ul>
 *   <li>{@link cs336.engine.cpu.gemm.Gemm}: the entry points ({@code sgemm}, {@code sgemmBatched});
 *       checks arguments and dispatches by shape.
 *   <li>{@link cs336.engine.cpu.gemm.GemmReference}: the triple loop every path is tested against.
 *   <li>{@code BlockedGemm}: the cache-blocked loop nest and its split over threads;
 *       {@code GemmBlocking}: the block sizes and why; {@code Packing}: strided blocks into panels;
 *       {@code MicroKernel} with {@code SimdMicroKernel} (Vector API) and {@code ScalarMicroKernel}
 *       (fallback): one register tile of C; {@code DirectGemm}: tiny products, no packing.
 * </ul>
 *
 * Every path computes each {@code C[i, j]} as one fused multiply-add chain over {@code p} in
 * increasing order, so results are bit-identical across paths, block sizes and thread counts.
 * Start reading at {@code BlockedGemm}'s class comment.
 */
package cs336.engine.cpu.gemm;
