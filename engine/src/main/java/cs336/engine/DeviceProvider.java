package cs336.engine;

/**
 * A device found by name at run time (see {@link Device#named}): a backend that lives in its own
 * module (the CUDA one) registers an implementation in
 * {@code META-INF/services/cs336.engine.DeviceProvider}, so code that only ever uses the CPU never
 * loads the backend's classes or its native libraries.
 */
public interface DeviceProvider {
  /** The name users type ({@code "cuda"}). */
  String name();

  /**
   * The device, opened on first use (the same instance afterwards). Throws
   * {@link IllegalStateException} with one readable line when the hardware or driver is missing.
   */
  Device open();
}
