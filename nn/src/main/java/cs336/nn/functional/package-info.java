/**
 * Stateless functions of the handout (softmax, cross-entropy, SiLU, attention with a mask), thin
 * checked wrappers over the autograd ops; layers with parameters are in {@code cs336.nn.layers}.
 */
package cs336.nn.functional;
