/** Batched matrix multiply with broadcasting, forward and backward on the engine's GEMM. */
package cs336.autograd.ops.matmul;
