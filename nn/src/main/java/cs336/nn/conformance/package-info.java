/**
 * The conformance adapters ({@code ../shared/conformance/PROTOCOL.md}): every function of the
 * handout's test adapters, run on named arrays from an .npz file, with autograd gradients when a
 * {@code grad_output} is given and one clear error naming the array when an input is wrong. They run
 * on the CPU or on any device (inputs copied there, results copied back), so the GPU is checked
 * against the same fixtures. {@code ./cs336 adapter [--device cpu|cuda] NAME IN.npz OUT.npz} runs them.
 */
package cs336.nn.conformance;
