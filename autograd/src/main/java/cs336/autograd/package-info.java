/**
 * Reverse-mode automatic differentiation over engine arrays: the user-facing {@code Tensor}, one
 * small op class per primitive with its forward and backward side by side, and numerical gradient
 * checks.
 */
package cs336.autograd;
