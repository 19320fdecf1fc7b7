package cs336.engine.cuda;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.Storage;

/**
 * A block of device memory holding {@code size} FLOAT32 or INT64 elements. The element and bulk
 * accessors copy across the bus synchronously (and so wait for every queued kernel): they are for
 * tests, file I/O and the few numbers a training loop reads back, never for the hot path. Each copy
 * back to the host also reports a bad index a kernel met since the last one (see
 * {@link CudaDevice#checkErrors}).
 */
final class CudaStorage implements Storage {
  private final CudaDevice device;
  private final DType dtype;
  private final int size;
  private final long address;

  CudaStorage(CudaDevice device, DType dtype, int size, long address) {
    this.device = device;
    this.dtype = dtype;
    this.size = size;
    this.address = address;
  }

  /** The device address of element {@code index}. */
  long address(int index) {
    return address + (long) index * dtype.bytes();
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int size() {
    return size;
  }

  private void range(int index, int count, DType want) {
    if (dtype != want) throw new IllegalArgumentException("expected a " + want + " storage, this one holds " + dtype);
    if (index < 0 || count < 0 || index + count > size) {
      throw new IndexOutOfBoundsException("elements [" + index + ", " + (index + count) + ") of a storage of " + size);
    }
  }

  @Override
  public float getFloat(int index) {
    float[] v = new float[1];
    readFloats(index, v, 0, 1);
    return v[0];
  }

  @Override
  public void setFloat(int index, float value) {
    writeFloats(index, new float[] {value}, 0, 1);
  }

  @Override
  public long getLong(int index) {
    long[] v = new long[1];
    readLongs(index, v, 0, 1);
    return v[0];
  }

  @Override
  public void setLong(int index, long value) {
    writeLongs(index, new long[] {value}, 0, 1);
  }

  @Override
  public void readFloats(int index, float[] dst, int dstOffset, int count) {
    range(index, count, DType.FLOAT32);
    float[] buf = dstOffset == 0 ? dst : new float[count];
    device.driver().toHost(buf, address(index), 4L * count);
    if (buf != dst) System.arraycopy(buf, 0, dst, dstOffset, count);
    device.checkErrors();
  }

  @Override
  public void writeFloats(int index, float[] src, int srcOffset, int count) {
    range(index, count, DType.FLOAT32);
    float[] buf = srcOffset == 0 ? src : java.util.Arrays.copyOfRange(src, srcOffset, srcOffset + count);
    device.driver().toDevice(address(index), buf, 4L * count);
  }

  @Override
  public void readLongs(int index, long[] dst, int dstOffset, int count) {
    range(index, count, DType.INT64);
    long[] buf = dstOffset == 0 ? dst : new long[count];
    device.driver().toHost(buf, address(index), 8L * count);
    if (buf != dst) System.arraycopy(buf, 0, dst, dstOffset, count);
    device.checkErrors();
  }

  @Override
  public void writeLongs(int index, long[] src, int srcOffset, int count) {
    range(index, count, DType.INT64);
    long[] buf = srcOffset == 0 ? src : java.util.Arrays.copyOfRange(src, srcOffset, srcOffset + count);
    device.driver().toDevice(address(index), buf, 8L * count);
  }
}
