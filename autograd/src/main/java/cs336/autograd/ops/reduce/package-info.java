/**
 * Reductions and the normalisations built on them: sum and mean (one class), max, softmax and
 * log-softmax along a dimension.
 */
package cs336.autograd.ops.reduce;
