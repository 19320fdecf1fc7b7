package cs336.engine.cpu;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.Storage;

/** CPU storage: a Java {@code float[]} (FLOAT32) or {@code long[]} (INT64). */
public final class CpuStorage implements Storage {
  private final float[] floats;
  private final long[] longs;

  private CpuStorage(float[] floats, long[] longs) {
    this.floats = floats;
    this.longs = longs;
  }

  /** Wraps {@code data} without copying: writes through the storage are visible in the array. */
  public static CpuStorage wrap(float[] data) {
    return new CpuStorage(data, null);
  }

  /** Wraps {@code data} without copying. */
  public static CpuStorage wrap(long[] data) {
    return new CpuStorage(null, data);
  }

  static CpuStorage allocate(DType dtype, int size) {
    return dtype == DType.FLOAT32 ? wrap(new float[size]) : wrap(new long[size]);
  }

  /** The float[] behind a FLOAT32 CPU array (index it with the array's offset and strides). */
  public static float[] floats(NDArray a) {
    if (!(a.storage() instanceof CpuStorage s) || s.floats == null) {
      throw new IllegalArgumentException("expected a FLOAT32 CPU array, got " + a.dtype() + " on " + a.device().name());
    }
    return s.floats;
  }

  /** The long[] behind an INT64 CPU array. */
  public static long[] longs(NDArray a) {
    if (!(a.storage() instanceof CpuStorage s) || s.longs == null) {
      throw new IllegalArgumentException("expected an INT64 CPU array, got " + a.dtype() + " on " + a.device().name());
    }
    return s.longs;
  }

  @Override
  public Device device() {
    return CpuDevice.CPU;
  }

  @Override
  public DType dtype() {
    return floats != null ? DType.FLOAT32 : DType.INT64;
  }

  @Override
  public int size() {
    return floats != null ? floats.length : longs.length;
  }

  @Override
  public float getFloat(int index) {
    return floats[index];
  }

  @Override
  public void setFloat(int index, float value) {
    floats[index] = value;
  }

  @Override
  public long getLong(int index) {
    return longs[index];
  }

  @Override
  public void setLong(int index, long value) {
    longs[index] = value;
  }

  @Override
  public void readFloats(int index, float[] dst, int dstOffset, int count) {
    System.arraycopy(floats, index, dst, dstOffset, count);
  }

  @Override
  public void writeFloats(int index, float[] src, int srcOffset, int count) {
    System.arraycopy(src, srcOffset, floats, index, count);
  }

  @Override
  public void readLongs(int index, long[] dst, int dstOffset, int count) {
    System.arraycopy(longs, index, dst, dstOffset, count);
  }

  @Override
  public void writeLongs(int index, long[] src, int srcOffset, int count) {
    System.arraycopy(src, srcOffset, longs, index, count);
  }
}
