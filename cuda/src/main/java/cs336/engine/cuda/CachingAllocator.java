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
 * <p>Freed blocks come back only when the JVM finds their arrays unreachable (see {@link Reclaimer}),
 * and the Java heap alone rarely makes it look: a training step leaves gigabytes of device garbage
 * in a few kilobytes of Java objects. So when the bytes handed out and not yet returned (live arrays
 * plus garbage not yet found) pass {@code collectEvery}, the allocator asks {@code onPressure} to
 * collect (a garbage collection that returns the garbage's blocks to the cache), and the next steps
 * reuse them: the device footprint stays near {@code collectEvery}. When the device is out of memory,
 * it gives every cached block back to the device, collects, and tries once more before it throws.
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
      long deviceAllocations, long deviceFrees, long collections) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT,
          "in use %.1f MiB (peak %.1f), cached %.1f MiB, %d requests, %d reused, %d cuMemAlloc, %d cuMemFree, "
              + "%d collections", inUseBytes / 1048576.0, peakInUseBytes / 1048576.0, cachedBytes / 1048576.0,
          requests, reuses, deviceAllocations, deviceFrees, collections);
    }
  }

  static final long SMALL_LIMIT = 1L << 20;
  static final long SMALL_STEP = 512;
  static final long LARGE_STEP = 2L << 20;

  private final DeviceMemory device;
  private final Runnable onPressure;
  private final long collectEvery;
  private long inUseAfterCollect;
  private long collections;
  private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
  private long inUse;
  private long cached;
  private long peak;
  private long requests;
  private long reuses;
  private long deviceAllocations;
  private long deviceFrees;

  /**
   * @param onPressure reclaims unreachable arrays' blocks (through {@link #release}); called without
   *     the allocator's lock held
   * @param collectEvery bytes in use (live plus unfound garbage) above which to call {@code onPressure}
   *     (Long.MAX_VALUE: only when out of memory)
   */
  CachingAllocator(DeviceMemory device, Runnable onPressure, long collectEvery) {
    this.device = device;
    this.onPressure = onPressure;
    this.collectEvery = collectEvery;
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
    boolean collect;
    synchronized (this) {
      requests++;
      // past the limit, and grown by half of it since the last collection (so a large live set does
      // not make every allocation collect)
      collect = inUse + size > collectEvery && inUse - inUseAfterCollect > collectEvery / 2;
      if (!collect) {
        Long reused = take(size);
        if (reused != null) return reused;
      }
    }
    if (collect) {
      collect();
      synchronized (this) {
        Long reused = take(size);
        if (reused != null) return reused;
      }
    }
    try {
      return fresh(size);
    } catch (OutOfDeviceMemory first) {
      emptyCache();
      collect();                        // may release blocks (through release) and so refill the cache
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

  private void collect() {
    onPressure.run();
    synchronized (this) {
      collections++;
      inUseAfterCollect = inUse;
    }
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
    return new Stats(inUse, cached, peak, requests, reuses, deviceAllocations, deviceFrees, collections);
  }
}
