package cs336.engine.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reuses device memory: a training step allocates the same sizes every step, and cuMemAlloc /
 * cuMemFree synchronise the whole device and take far longer than a kernel, so freed blocks are kept
 * in free lists by size and handed out again. Sizes are rounded up to a size class (512 B steps up to
 * 1 MiB, 2 MiB steps above), so a block fits any request of its class exactly.
 *
 * <p>When the device is out of memory, the allocator gives every cached block back to the device,
 * asks {@code onPressure} to reclaim what unreachable arrays hold (a garbage collection: see
 * {@link Reclaimer}) and tries once more before it throws.
 *
 * <p>Pure bookkeeping over a {@link DeviceMemory}, so its logic is tested without a GPU. Thread-safe.
 */
final class CachingAllocator {
  /** Where blocks come from: cuMemAlloc / cuMemFree on a GPU, a fake in tests. */
  interface DeviceMemory {
    /** A new block of {@code bytes} bytes; throws {@link OutOfDeviceMemory} when none is left. */
    long allocate(long bytes) throws OutOfDeviceMemory;

    void free(long address);
  }

  /** The device has no block of the size asked for. */
  static final class OutOfDeviceMemory extends Exception {
    private static final long serialVersionUID = 1L;

    OutOfDeviceMemory(String message) {
      super(message);
    }
  }

  /** Counters, in bytes where it says so. */
  record Stats(long inUseBytes, long cachedBytes, long peakInUseBytes, long requests, long reuses,
      long deviceAllocations, long deviceFrees) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT,
          "in use %.1f MiB (peak %.1f), cached %.1f MiB, %d requests, %d reused, %d cuMemAlloc, %d cuMemFree",
          inUseBytes / 1048576.0, peakInUseBytes / 1048576.0, cachedBytes / 1048576.0, requests, reuses,
          deviceAllocations, deviceFrees);
    }
  }

  static final long SMALL_LIMIT = 1L << 20;
  static final long SMALL_STEP = 512;
  static final long LARGE_STEP = 2L << 20;

  private final DeviceMemory device;
  private final Runnable onPressure;
  private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
  private long inUse;
  private long cached;
  private long peak;
  private long requests;
  private long reuses;
  private long deviceAllocations;
  private long deviceFrees;

  CachingAllocator(DeviceMemory device, Runnable onPressure) {
    this.device = device;
    this.onPressure = onPressure;
  }

  /** The size class of a request: what a block for it really holds. */
  static long sizeClass(long bytes) {
    if (bytes <= 0) return 0;
    long step = bytes <= SMALL_LIMIT ? SMALL_STEP : LARGE_STEP;
    return (bytes + step - 1) / step * step;
  }

  /**
   * A block of at least {@code bytes} bytes (address 0 for 0 bytes). Give it back with
   * {@link #release} and the same {@code bytes}.
   */
  long allocate(long bytes) {
    long size = sizeClass(bytes);
    if (size == 0) return 0;
    synchronized (this) {
      requests++;
      Long reused = take(size);
      if (reused != null) return reused;
    }
    try {
      return fresh(size);
    } catch (OutOfDeviceMemory first) {
      emptyCache();
      onPressure.run();                 // may release blocks (through release) and so refill the cache
      synchronized (this) {
        Long reused = take(size);
        if (reused != null) return reused;
      }
      emptyCache();
      try {
        return fresh(size);
      } catch (OutOfDeviceMemory again) {
        throw new IllegalStateException("CUDA out of memory: asked for " + mib(size) + " with " + stats()
            + " (" + again.getMessage() + ")");
      }
    }
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private Long take(long size) {
    ArrayDeque<Long> q = free.get(size);
    if (q == null || q.isEmpty()) return null;
    long address = q.pop();
    cached -= size;
    inUse += size;
    peak = Math.max(peak, inUse);
    reuses++;
    return address;
  }

  private long fresh(long size) throws OutOfDeviceMemory {
    long address = device.allocate(size);
    synchronized (this) {
      deviceAllocations++;
      inUse += size;
      peak = Math.max(peak, inUse);
    }
    return address;
  }

  /** Returns a block from {@link #allocate} to the cache; {@code bytes} as asked for then. */
  synchronized void release(long address, long bytes) {
    long size = sizeClass(bytes);
    if (size == 0) return;
    free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(address);
    inUse -= size;
    cached += size;
  }

  /** Frees every cached block back to the device. */
  synchronized void emptyCache() {
    for (ArrayDeque<Long> q : free.values()) {
      while (!q.isEmpty()) {
        device.free(q.pop());
        deviceFrees++;
      }
    }
    free.clear();
    cached = 0;
  }

  synchronized Stats stats() {
    return new Stats(inUse, cached, peak, requests, reuses, deviceAllocations, deviceFrees);
  }
}
