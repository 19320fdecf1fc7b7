package cs336.engine.cpu.gemm;

/**
 * Per-thread scratch arrays for packed panels, reused across GEMM calls so that small and medium
 * products do not allocate (and zero) megabytes on every call.
 *
 * <p>A buffer is <em>taken</em> out of its thread's slot for the duration of one use and
 * <em>given</em> back afterwards. A fork/join worker that waits on subtasks may meanwhile run an
 * unrelated task on the same thread (work stealing); if that task is another GEMM it finds the slot
 * empty and allocates its own buffer instead of overwriting one that is still in use.
 */
final class PackBuffers {
  /** Buffers above this size (floats) are not kept after use, bounding what each thread retains. */
  private static final int MAX_RETAINED = 4 << 20;

  private final ThreadLocal<float[]> slot = new ThreadLocal<>();

  /** A buffer of at least {@code size} floats, owned by the caller until {@link #give}. */
  float[] take(int size) {
    float[] buf = slot.get();
    if (buf == null || buf.length < size) {
      return new float[size];
    }
    slot.set(null);
    return buf;
  }

  /** Returns a buffer obtained from {@link #take} on this thread. */
  void give(float[] buf) {
    if (buf.length <= MAX_RETAINED) {
      float[] kept = slot.get();
      if (kept == null || kept.length < buf.length) {
        slot.set(buf);
      }
    }
  }
}
