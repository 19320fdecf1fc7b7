package cs336.engine;

import cs336.engine.cpu.CpuDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

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

  /**
   * The device called {@code name}: {@code "cpu"}, or a backend registered as a
   * {@link DeviceProvider} service (e.g. {@code "cuda"} when the cuda module is on the class path).
   * Throws IllegalArgumentException naming the known devices for an unknown name, and the
   * provider's IllegalStateException when the device cannot be opened (no GPU, no driver).
   */
  static Device named(String name) {
    String want = name.strip().toLowerCase(java.util.Locale.ROOT);
    if (want.equals("cpu")) return CpuDevice.CPU;
    List<String> known = new ArrayList<>(List.of("cpu"));
    for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class)) {
      if (p.name().equals(want)) return p.open();
      known.add(p.name());
    }
    throw new IllegalArgumentException("unknown device '" + name + "' (known here: " + String.join(", ", known) + ")");
  }
}
