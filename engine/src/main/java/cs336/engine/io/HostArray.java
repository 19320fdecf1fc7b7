package cs336.engine.io;

import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuStorage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An array as a file stores it: a dtype, a shape (long dimensions, so a memory-mapped token file
 * may hold more than 2^31 elements) and the little-endian bytes in C order, held in a
 * {@link MemorySegment} (heap memory, or a memory-mapped file region).
 *
 * <p>{@link #toNDArray()} converts to the engine's types: floats to FLOAT32, integers to INT64,
 * bool to a FLOAT32 mask of 0 and 1. {@link #of(NDArray)} goes the other way.
 */
public final class HostArray {
  static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final FileDType dtype;
  private final long[] shape;
  private final MemorySegment data;

  /** Wraps {@code data} (numel * dtype.bytes() bytes, little-endian, C order). */
  public HostArray(FileDType dtype, long[] shape, MemorySegment data) {
    long n = numel(shape);
    if (data.byteSize() != n * dtype.bytes()) {
      throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " and dtype " + dtype + " needs "
          + n * dtype.bytes() + " bytes, got " + data.byteSize());
    }
    this.dtype = dtype;
    this.shape = shape.clone();
    this.data = data;
  }

  static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  // ---- creation ----

  /** The elements of a FLOAT32 (as float32) or INT64 (as int64) array, copied. */
  public static HostArray of(NDArray a) {
    long[] shape = Arrays.stream(a.shape()).asLongStream().toArray();
    if (a.dtype() == DType.FLOAT32) return float32(a.toFloatArray(), shape);
    return int64(a.toLongArray(), shape);
  }

  public static HostArray float32(float[] values, long... shape) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length * 4]);
    for (int i = 0; i < values.length; i++) m.setAtIndex(F32, i, values[i]);
    return new HostArray(FileDType.FLOAT32, shape, m);
  }

  public static HostArray float64(double[] values, long... shape) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length * 8]);
    for (int i = 0; i < values.length; i++) m.setAtIndex(F64, i, values[i]);
    return new HostArray(FileDType.FLOAT64, shape, m);
  }

  public static HostArray int64(long[] values, long... shape) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length * 8]);
    for (int i = 0; i < values.length; i++) m.setAtIndex(I64, i, values[i]);
    return new HostArray(FileDType.INT64, shape, m);
  }

  public static HostArray int32(int[] values, long... shape) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length * 4]);
    for (int i = 0; i < values.length; i++) m.setAtIndex(I32, i, values[i]);
    return new HostArray(FileDType.INT32, shape, m);
  }

  /** Unsigned 16-bit values (each in [0, 65535]), e.g. GPT-2 token ids. */
  public static HostArray uint16(int[] values, long... shape) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length * 2]);
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 0xFFFF) throw new IllegalArgumentException("uint16 value out of range: " + values[i]);
      m.setAtIndex(I16, i, (short) values[i]);
    }
    return new HostArray(FileDType.UINT16, shape, m);
  }

  public static HostArray bool(boolean[] values, long... shape) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length]);
    for (int i = 0; i < values.length; i++) m.set(ValueLayout.JAVA_BYTE, i, (byte) (values[i] ? 1 : 0));
    return new HostArray(FileDType.BOOL, shape, m);
  }

  /** A 0-d float64 (how the conformance files pass floats such as eps and theta). */
  public static HostArray scalar(double value) {
    return float64(new double[] {value});
  }

  // ---- what it is ----

  public FileDType dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long numel() {
    return numel(shape);
  }

  /** The raw little-endian bytes (a view, not a copy). */
  public MemorySegment segment() {
    return data;
  }

  /** The shape as ints, for the engine; throws when a dimension exceeds int. */
  public int[] intShape() {
    int[] s = new int[shape.length];
    for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(shape[i]);
    return s;
  }

  // ---- element access (any dtype) ----

  /** Element {@code i} (C order) as a double. */
  public double getDouble(long i) {
    return switch (dtype) {
      case FLOAT32 -> data.getAtIndex(F32, i);
      case FLOAT64 -> data.getAtIndex(F64, i);
      case FLOAT16 -> Float.float16ToFloat(data.getAtIndex(I16, i));
      case BFLOAT16 -> Float.intBitsToFloat((data.getAtIndex(I16, i) & 0xFFFF) << 16);
      default -> getLong(i);
    };
  }

  /** Element {@code i} (C order) as a long (floats truncate toward zero; bool is 0 or 1). */
  public long getLong(long i) {
    return switch (dtype) {
      case INT64 -> data.getAtIndex(I64, i);
      case INT32 -> data.getAtIndex(I32, i);
      case UINT32 -> data.getAtIndex(I32, i) & 0xFFFFFFFFL;
      case UINT16 -> data.getAtIndex(I16, i) & 0xFFFF;
      case UINT8 -> data.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
      case BOOL -> data.get(ValueLayout.JAVA_BYTE, i) != 0 ? 1 : 0;
      default -> (long) getDouble(i);
    };
  }

  /** The value of a one-element array as a double (0-d scalars such as eps). */
  public double scalarDouble() {
    requireOne();
    return getDouble(0);
  }

  /** The value of a one-element array as a long (0-d scalars such as d_model). */
  public long scalarLong() {
    requireOne();
    return getLong(0);
  }

  private void requireOne() {
    if (numel() != 1) throw new IllegalArgumentException("expected a single value, got shape " + Arrays.toString(shape));
  }

  // ---- conversion ----

  /** A CPU NDArray: floats as FLOAT32, integers as INT64, bool as a FLOAT32 0/1 mask. */
  public NDArray toNDArray() {
    if (numel() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("array " + this + " has more than 2^31-1 elements; read windows of it "
          + "(readLongs) instead of converting it whole");
    }
    int n = (int) numel();
    int[] s = intShape();
    if (dtype.isFloat() || dtype == FileDType.BOOL) {
      float[] v = new float[n];
      if (dtype == FileDType.FLOAT32) MemorySegment.copy(data, F32, 0, v, 0, n);
      else for (int i = 0; i < n; i++) v[i] = (float) getDouble(i);
      return new NDArray(CpuStorage.wrap(v), s, cs336.engine.Shapes.contiguousStrides(s), 0);
    }
    long[] v = new long[n];
    if (dtype == FileDType.INT64) MemorySegment.copy(data, I64, 0, v, 0, n);
    else for (int i = 0; i < n; i++) v[i] = getLong(i);
    return new NDArray(CpuStorage.wrap(v), s, cs336.engine.Shapes.contiguousStrides(s), 0);
  }

  /** Reads elements {@code [start, start + count)} (C order) of an integer array into a long[]. */
  public long[] readLongs(long start, int count) {
    long[] out = new long[count];
    if (dtype == FileDType.INT64) {
      MemorySegment.copy(data, I64, start * 8, out, 0, count);
    } else {
      for (int i = 0; i < count; i++) out[i] = getLong(start + i);
    }
    return out;
  }

  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
