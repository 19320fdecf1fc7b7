package cs336.engine;

/**
 * A flat buffer of elements owned by a {@link Device}: {@code float[]} or {@code long[]} on the
 * CPU, a device allocation on a GPU. An {@link NDArray} is a strided window onto one storage; many
 * arrays (views) may share it.
 *
 * <p>Only kernels of the owning device look inside a storage. Everything else goes through these
 * element and bulk accessors, which a GPU backend implements with (slow, synchronous) copies; they
 * exist for tests, learners, file I/O and the few numbers a training loop reads back.
 */
public interface Storage {
  Device device();

  DType dtype();

  /** Number of elements. */
  int size();

  float getFloat(int index);

  void setFloat(int index, float value);

  long getLong(int index);

  void setLong(int index, long value);

  /** Copies {@code count} floats starting at {@code index} into {@code dst[dstOffset...]}. */
  void readFloats(int index, float[] dst, int dstOffset, int count);

  /** Copies {@code count} floats from {@code src[srcOffset...]} to this storage at {@code index}. */
  void writeFloats(int index, float[] src, int srcOffset, int count);

  /** Copies {@code count} longs starting at {@code index} into {@code dst[dstOffset...]}. */
  void readLongs(int index, long[] dst, int dstOffset, int count);

  /** Copies {@code count} longs from {@code src[srcOffset...]} to this storage at {@code index}. */
  void writeLongs(int index, long[] src, int srcOffset, int count);
}
