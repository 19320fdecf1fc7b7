package cs336.engine;

/**
 * The element types an {@link NDArray} can hold. The engine computes in {@code FLOAT32}; {@code INT64}
 * holds indices and token ids (embedding lookups, cross-entropy targets, RoPE positions).
 *
 * <p>There is no boolean type: a mask is a {@code FLOAT32} array of 1 (true) and 0 (false). The
 * comparisons ({@code eq}, {@code gt}, ...) produce such masks and {@code where(cond, a, b)} picks
 * {@code a} wherever {@code cond != 0}. One float type keeps the kernel set (and a future CUDA
 * backend) small; a bool {@code .npy} is read as this 0/1 form by {@link cs336.engine.io.HostArray}.
 */
public enum DType {
  FLOAT32(4),
  INT64(8);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }
}
