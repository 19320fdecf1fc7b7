package cs336.engine.cuda;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.Kernels;
import cs336.engine.Storage;

/**
 * One NVIDIA GPU as an engine {@link Device}: storage in device memory (through a caching allocator),
 * the project's CUDA kernels as {@link Kernels}. Open it with {@code Device.named("cuda")} or
 * {@link #open()}; move arrays with {@code array.to(device)} and back with {@code array.to(CPU)}.
 *
 * <p>Everything is queued in order on the default stream; host code waits only when it reads data
 * back ({@code item()}, {@code toFloatArray()}) or calls {@link #synchronize()}.
 */
public final class CudaDevice implements Device {
  private static CudaDevice instance;

  private final Driver driver;
  private final CachingAllocator allocator;
  private final Reclaimer reclaimer;
  private final Launcher launcher;
  private final CudaKernels kernels;
  private final long errorWord;                 // 3 int64 on the device: code, value, limit
  private volatile Precision precision = Precision.fromProperty();

  private CudaDevice(Driver driver) {
    this.driver = driver;
    Reclaimer[] r = new Reclaimer[1];
    this.allocator = new CachingAllocator(driver, () -> r[0].collect(), collectEvery(driver.totalMemory()));
    this.reclaimer = new Reclaimer(allocator);
    r[0] = reclaimer;
    this.launcher = new Launcher(driver);
    this.errorWord = allocator.allocate(3 * 8);
    driver.zero(errorWord, 3 * 8);
    this.kernels = new CudaKernels(this);
  }

  /**
   * Bytes held by arrays (live or garbage not yet found) above which the allocator runs a garbage
   * collection: 40% of the GPU (at least 1 GiB), or the system property
   * {@code cs336.cuda.collectAboveMiB}. About a dozen TinyStories training steps fit in 40% of an
   * H100, so the collection (tens of milliseconds) costs a few percent.
   */
  static long collectEvery(long totalMemory) {
    String p = System.getProperty("cs336.cuda.collectAboveMiB", "").strip();
    if (!p.isEmpty()) return Long.parseLong(p) << 20;
    return Math.max(1L << 30, totalMemory / 5 * 2);
  }

  /**
   * GPU 0, opened on first use (the driver compiles the PTX then: about a second). Throws
   * IllegalStateException with one line when there is no GPU or driver.
   */
  public static synchronized CudaDevice open() {
    if (instance == null) instance = new CudaDevice(Driver.open(0));
    return instance;
  }

  @Override
  public String name() {
    return "cuda:0";
  }

  @Override
  public Kernels kernels() {
    return kernels;
  }

  @Override
  public Storage allocate(DType dtype, int size) {
    if (size < 0) throw new IllegalArgumentException("negative storage size " + size);
    reclaimer.drain();
    long bytes = (long) size * dtype.bytes();
    long address = allocator.allocate(bytes);
    driver.zero(address, bytes);
    CudaStorage s = new CudaStorage(this, dtype, size, address);
    reclaimer.register(s, address, bytes);
    return s;
  }

  /** The matmul precision in force (see {@link Precision}); FP32 unless set. */
  public Precision precision() {
    return precision;
  }

  /** Sets the matmul precision for everything queued from now on. */
  public void setPrecision(Precision p) {
    precision = p;
  }

  /** Waits for every queued kernel; throws for a bad index one of them met. */
  public void synchronize() {
    driver.synchronize();
    checkErrors();
  }

  /**
   * Throws IllegalArgumentException (as the CPU kernels would have) when an index kernel recorded a
   * bad token id, index or target since the last check, and clears the record. Waits for the device.
   */
  public void checkErrors() {
    long[] w = new long[3];
    driver.toHost(w, errorWord, 24);
    IllegalArgumentException e = CudaErrors.toException(w[0], w[1], w[2]);
    if (e != null) {
      driver.zero(errorWord, 24);
      throw e;
    }
  }

  /** One line: GPU name, multiprocessors, compute capability, memory, driver version. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s, %d SMs, compute %d.%d, %.1f GiB, driver CUDA %d.%d",
        driver.name(), driver.multiprocessors(), driver.computeCapability() / 10, driver.computeCapability() % 10,
        driver.totalMemory() / (1024.0 * 1024 * 1024), driver.driverVersion() / 1000, driver.driverVersion() % 1000 / 10);
  }

  /** The caching allocator's counters, one line. */
  public String memoryReport() {
    return allocator.stats().toString();
  }

  /** The most device memory arrays held at once, in bytes. */
  public long peakBytesInUse() {
    return allocator.stats().peakInUseBytes();
  }

  Driver driver() {
    return driver;
  }

  Launcher launcher() {
    return launcher;
  }

  long errorWord() {
    return errorWord;
  }

  int multiprocessors() {
    return driver.multiprocessors();
  }

  @Override
  public String toString() {
    return "cuda:0 (" + driver.name() + ", " + precision.label() + " matmul)";
  }
}
