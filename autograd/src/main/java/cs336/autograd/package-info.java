/**
 * Reverse-mode automatic differentiation over engine arrays: the user-facing {@link
 * cs336.autograd.Tensor}, the {@link cs336.autograd.Op} base class (one small subclass per
 * primitive in {@code ops}, forward and backward side by side), {@link cs336.autograd.Backprop}
 * (iterative topological sort, gradients accumulate, broadcasting undone in one place),
 * {@link cs336.autograd.NoGrad} scopes, GraphViz export, and the numerical gradient checks
 * {@link cs336.autograd.GradCheck} and {@link cs336.autograd.OpCheck} that every op test uses.
 */
package cs336.autograd;
