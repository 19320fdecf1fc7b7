package cs336.engine.cuda;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Gives a storage's device block back to the {@link CachingAllocator} once the storage is garbage:
 * arrays have no close() (views share storages, and autograd drops intermediates by forgetting
 * them), so the JVM's reachability decides. Each storage registers a phantom reference; the queue is
 * drained on the allocating thread at every allocation (no second thread, no locks held across a
 * garbage collection), and {@link #collect} forces a collection when the device runs out of memory.
 */
final class Reclaimer {
  private final CachingAllocator allocator;
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  // keeps the references themselves reachable until they are processed
  private final Set<Block> pending = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  private static final class Block extends PhantomReference<Object> {
    final long address;
    final long bytes;

    Block(Object owner, ReferenceQueue<Object> q, long address, long bytes) {
      super(owner, q);
      this.address = address;
      this.bytes = bytes;
    }
  }

  Reclaimer(CachingAllocator allocator) {
    this.allocator = allocator;
  }

  /** Releases {@code address} (of {@code bytes}) to the allocator once {@code owner} is unreachable. */
  void register(Object owner, long address, long bytes) {
    if (address == 0) return;
    pending.add(new Block(owner, queue, address, bytes));
  }

  /** Releases the blocks of every storage collected so far; returns how many. */
  int drain() {
    int n = 0;
    for (Reference<?> r; (r = queue.poll()) != null; n++) release((Block) r);
    return n;
  }

  private void release(Block b) {
    pending.remove(b);
    allocator.release(b.address, b.bytes);
  }

  /**
   * Runs the garbage collector and releases what it found (the allocator calls this every so many
   * fresh bytes and when the device is out of memory). References are enqueued by the JVM's
   * reference-handler thread just after the collection; waiting stops after 20 ms without one.
   */
  void collect() {
    System.gc();
    try {
      for (Reference<?> r; (r = queue.remove(20)) != null; ) release((Block) r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain();
  }

  /** Blocks registered and not yet released. */
  int pendingCount() {
    return pending.size();
  }
}
