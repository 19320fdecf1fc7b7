package cs336.engine;

/**
 * Where arrays live and compute: it allocates {@link Storage} and supplies the {@link Kernels} that
 * run on it. The CPU is {@link cs336.engine.cpu.CpuDevice#CPU}; a CUDA backend implements this
 * interface and {@code Kernels} and nothing else changes above the engine.
 */
public interface Device {
  /** A short name for messages ("cpu", "cuda:0"). */
  String name();

  /** The kernels that compute on this device's storage. */
  Kernels kernels();

  /** A new zero-filled storage of {@code size} elements. */
  Storage allocate(DType dtype, int size);
}
