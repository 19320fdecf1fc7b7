/**
 * The Transformer's fused ops (RMSNorm, SiLU, SwiGLU, RoPE, softmax + cross-entropy, flash
 * attention), each one kernel forward and one backward, and {@link
 * cs336.autograd.ops.fused.Composites}: the same functions built from primitives, which the tests
 * compare them against.
 */
package cs336.autograd.ops.fused;
