package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.cuda.CachingAllocator.OutOfDeviceMemory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allocator's bookkeeping against a fake device with a fixed capacity. */
class CachingAllocatorTest {
  /** Hands out increasing addresses until {@code capacity} bytes are live. */
  static final class FakeMemory implements CachingAllocator.DeviceMemory {
    final long capacity;
    long live;
    long next = 4096;
    final Map<Long, Long> blocks = new HashMap<>();

    FakeMemory(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public long allocate(long bytes) throws OutOfDeviceMemory {
      if (live + bytes > capacity) throw new OutOfDeviceMemory("fake: " + live + " + " + bytes + " > " + capacity);
      long a = next;
      next += bytes;
      live += bytes;
      blocks.put(a, bytes);
      return a;
    }

    @Override
    public void free(long address) {
      Long b = blocks.remove(address);
      if (b == null) throw new IllegalStateException("double free of " + address);
      live -= b;
    }
  }

  @Test
  void sizeClassesRoundUp() {
    assertEquals(0, CachingAllocator.sizeClass(0));
    assertEquals(512, CachingAllocator.sizeClass(1));
    assertEquals(512, CachingAllocator.sizeClass(512));
    assertEquals(1024, CachingAllocator.sizeClass(513));
    assertEquals(1L << 20, CachingAllocator.sizeClass(1L << 20));
    assertEquals(2L << 20, CachingAllocator.sizeClass((1L << 20) + 1));
    assertEquals(4L << 20, CachingAllocator.sizeClass((2L << 20) + 1));
  }

  @Test
  void releasedBlocksAreReusedForTheSameSizeClass() {
    FakeMemory mem = new FakeMemory(1 << 30);
    CachingAllocator a = new CachingAllocator(mem, () -> {}, Long.MAX_VALUE);
    long x = a.allocate(1000);
    a.release(x, 1000);
    assertEquals(x, a.allocate(1024));                 // same class (1024): the cached block
    long y = a.allocate(1000);                         // the cache is empty again: a new block
    assertNotEquals(x, y);
    var s = a.stats();
    assertEquals(3, s.requests());
    assertEquals(1, s.reuses());
    assertEquals(2, s.deviceAllocations());
    assertEquals(2048, s.inUseBytes());
    assertEquals(0, s.cachedBytes());
    assertEquals(0, a.allocate(0));                    // empty arrays take no memory
  }

  @Test
  void emptyCacheFreesCachedBlocksOnly() {
    FakeMemory mem = new FakeMemory(1 << 30);
    CachingAllocator a = new CachingAllocator(mem, () -> {}, Long.MAX_VALUE);
    long x = a.allocate(3 << 20), y = a.allocate(3 << 20);
    a.release(x, 3 << 20);
    assertEquals(8L << 20, mem.live);
    a.emptyCache();
    assertEquals(4L << 20, mem.live);
    assertEquals(4L << 20, a.stats().inUseBytes());
    assertEquals(1, a.stats().deviceFrees());
    a.release(y, 3 << 20);
    assertEquals(4L << 20, a.stats().peakInUseBytes() / 2);
  }

  @Test
  void outOfMemoryFreesTheCacheAsksForGarbageAndRetries() {
    FakeMemory mem = new FakeMemory(8L << 20);
    long[] held = new long[1];
    CachingAllocator[] ref = new CachingAllocator[1];
    int[] pressure = {0};
    CachingAllocator a = new CachingAllocator(mem, () -> {
      pressure[0]++;
      ref[0].release(held[0], 6L << 20);             // "the garbage collector found an unreachable array"
    }, Long.MAX_VALUE);
    ref[0] = a;
    long small = a.allocate(1 << 20);
    a.release(small, 1 << 20);                       // cached, a different class from what comes next
    held[0] = a.allocate(6L << 20);
    long again = a.allocate(6L << 20);               // does not fit: cache emptied, pressure, reuse
    assertEquals(held[0], again);
    assertEquals(1, pressure[0]);
    assertEquals(6L << 20, mem.live);
  }

  @Test
  void collectsWhenHeldBytesPassTheLimitAndReusesWhatItFinds() {
    FakeMemory mem = new FakeMemory(1L << 40);
    java.util.ArrayDeque<long[]> garbage = new java.util.ArrayDeque<>();
    CachingAllocator[] ref = new CachingAllocator[1];
    CachingAllocator a = new CachingAllocator(mem, () -> {
      while (!garbage.isEmpty()) {
        long[] g = garbage.pop();
        ref[0].release(g[0], g[1]);
      }
    }, 10L << 20);
    ref[0] = a;
    for (int step = 0; step < 20; step++) {           // each "step" leaves 4 MiB of garbage
      garbage.push(new long[] {a.allocate(4L << 20), 4L << 20});
    }
    var s = a.stats();
    assertTrue(s.collections() >= 5, "collections " + s.collections());
    assertTrue(mem.live <= 12L << 20, "device memory stays near the limit: " + mem.live);
    assertTrue(s.reuses() >= 10, "reused " + s.reuses());
  }

  @Test
  void stillOutOfMemoryIsOneClearError() {
    CachingAllocator a = new CachingAllocator(new FakeMemory(4L << 20), () -> {}, Long.MAX_VALUE);
    a.allocate(4L << 20);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.allocate(2L << 20));
    assertTrue(e.getMessage().startsWith("CUDA out of memory: asked for 2.0 MiB"), e.getMessage());
  }

  @Test
  void reclaimerReleasesTheBlocksOfCollectedOwners() throws InterruptedException {
    FakeMemory mem = new FakeMemory(1 << 30);
    CachingAllocator a = new CachingAllocator(mem, () -> {}, Long.MAX_VALUE);
    Reclaimer r = new Reclaimer(a);
    Object kept = new Object();
    long k = a.allocate(512);
    r.register(kept, k, 512);
    for (int i = 0; i < 10; i++) {
      Object owner = new Object();
      r.register(owner, a.allocate(2048), 2048);
    }
    int released = 0;
    for (int tries = 0; tries < 20 && released < 10; tries++) {
      System.gc();
      Thread.sleep(20);
      released += r.drain();
    }
    assertEquals(10, released, "unreachable owners' blocks are released");
    assertEquals(512, a.stats().inUseBytes());
    assertEquals(1, r.pendingCount());
    java.lang.ref.Reference.reachabilityFence(kept);
  }
}
