/**
 * The Transformer language model of the assignment and its training pieces, built on autograd.
 * This package holds what every layer shares: {@link cs336.nn.Module} (named parameters and
 * children, state dicts with the reference keys), {@link cs336.nn.Parameter},
 * {@link cs336.nn.ParameterArena} (all weights in one allocation, all gradients in another),
 * {@link cs336.nn.Init} (the handout's truncated-normal initialisation) and {@link cs336.nn.Rng}
 * (a seeded generator whose state a checkpoint can save). Sub-packages: layers, functional, optim,
 * data, checkpoint, generate, conformance.
 */
package cs336.nn;
