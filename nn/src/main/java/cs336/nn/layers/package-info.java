/**
 * The Transformer LM of the handout (sections 3.4-3.5), one class per component: {@link
 * cs336.nn.layers.Linear}, {@link cs336.nn.layers.Embedding}, {@link cs336.nn.layers.RMSNorm},
 * {@link cs336.nn.layers.SwiGLU} (and the ablation's {@link cs336.nn.layers.SiLUFeedForward}),
 * {@link cs336.nn.layers.RotaryEmbedding}, {@link cs336.nn.layers.MultiHeadSelfAttention},
 * {@link cs336.nn.layers.TransformerBlock} and {@link cs336.nn.layers.TransformerLM}, configured by
 * a {@link cs336.nn.layers.TransformerConfig}. Every computation goes through autograd ops (and so
 * the device's kernels); layers hold parameters, shapes and checks. State-dict keys are the
 * reference implementation's.
 */
package cs336.nn.layers;
