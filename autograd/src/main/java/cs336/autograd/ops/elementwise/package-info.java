/**
 * Elementwise primitives (arithmetic with broadcasting, exp, log, sqrt, rsqrt, pow, relu,
 * sigmoid, tanh, where): one class each, the forward in {@code apply} and the derivative in
 * {@code backward} right below it.
 */
package cs336.autograd.ops.elementwise;
