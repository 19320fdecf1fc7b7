/**
 * Attention kernels for the CPU engine: {@link cs336.engine.cpu.attention.FlashAttention} (tiled,
 * O(T) memory, forward and backward) and {@link cs336.engine.cpu.attention.AttentionReference}
 * (one row at a time, the test oracle), over strided [B, H, T, D] views ({@link
 * cs336.engine.cpu.attention.AttnView}).
 */
package cs336.engine.cpu.attention;
