/**
 * Attention kernels for the CPU engine, over strided [B, H, T, D] views ({@link
 * cs336.engine.cpu.attention.AttnView}): {@link cs336.engine.cpu.attention.FlashAttention} is the
 * entry point (tiled, O(T) memory per head, forward and backward; kernels in {@code FlashForward},
 * {@code FlashBackward} and {@code TileKernels}), {@link
 * cs336.engine.cpu.attention.AttentionReference} the test oracle (one query row at a time) and
 * {@link cs336.engine.cpu.attention.AttentionComposite} the composite that materialises the
 * probabilities (the benchmark baseline). The derivation is in {@code docs/flash-attention.md}.
 * Only this package and its siblings under {@code cs336.engine.cpu} import the Vector API;
 * {@code FlashAttention} falls back to the reference when the module is missing.
 */
package cs336.engine.cpu.attention;
