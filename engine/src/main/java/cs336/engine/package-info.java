/**
 * The numerical core: strided float32 arrays (shape, strides, offset; views without copies) and
 * the kernels that compute on them, behind one device interface so that a CPU (scalar reference or
 * Vector API) or CUDA backend can run the same operations. Knows nothing of gradients.
 */
package cs336.engine;
