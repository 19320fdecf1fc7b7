/**
 * Array files: NumPy {@code .npy} (read, write, memory-map) and {@code .npz}, and safetensors.
 * {@link cs336.engine.io.HostArray} holds an array as a file stores it; it converts to and from
 * {@link cs336.engine.NDArray}. Writes are atomic; malformed files raise an IOException naming the
 * file and the field.
 */
package cs336.engine.io;
