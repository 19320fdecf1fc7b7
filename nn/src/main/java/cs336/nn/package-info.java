/**
 * The Transformer language model of the assignment and its training pieces (layers, loss,
 * optimizers, schedule, data loading, checkpoints, decoding), built on autograd.
 */
package cs336.nn;
