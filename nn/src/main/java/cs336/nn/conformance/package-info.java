/**
 * The conformance adapters ({@code ../shared/conformance/PROTOCOL.md}): every function of the
 * handout's test adapters, run on named arrays from an .npz file, with autograd gradients when a
 * {@code grad_output} is given and one clear error naming the array when an input is wrong.
 * {@code ./cs336 adapter NAME IN.npz OUT.npz} runs them.
 */
package cs336.nn.conformance;
