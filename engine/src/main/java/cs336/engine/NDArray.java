package cs336.engine;

import cs336.engine.cpu.CpuDevice;
import java.util.Arrays;
import java.util.Random;

/**
 * An n-dimensional array: a strided window (shape, strides, offset) onto a {@link Storage}.
 * Element {@code (i0, i1, ...)} lives at {@code storage[offset + i0*strides[0] + i1*strides[1] + ...]}.
 *
 * <p>Views ({@link #view}, {@link #permute}, {@link #transpose}, {@link #narrow}, {@link #expand},
 * {@link #squeeze}, {@link #unsqueeze}, ...) share the storage and change only those three numbers;
 * writing through a view writes the original. {@link #reshape} and {@link #contiguous} copy only
 * when the strides make a view impossible. Math methods ({@link #add}, {@link #sum}, {@link
 * #matmul}, ...) return new contiguous arrays computed by the device's {@link Kernels}; the few
 * in-place methods end in {@code InPlace} or are named for what they overwrite ({@link #copyFrom},
 * {@link #fill}).
 *
 * <p>An NDArray knows nothing of gradients; {@code cs336.autograd.Tensor} wraps one.
 */
public final class NDArray {
  private final Storage storage;
  private final int[] shape;
  private final int[] strides;
  private final int offset;

  /** A view of {@code storage}; prefer the factories and view methods. */
  public NDArray(Storage storage, int[] shape, int[] strides, int offset) {
    if (shape.length != strides.length) {
      throw new IllegalArgumentException("shape " + Shapes.str(shape) + " and strides " + Shapes.str(strides)
          + " differ in rank");
    }
    this.storage = storage;
    this.shape = shape.clone();
    this.strides = strides.clone();
    this.offset = offset;
    checkBounds();
  }

  private void checkBounds() {
    int n = Shapes.numel(shape);
    if (n == 0) return;
    long lo = offset, hi = offset;
    for (int d = 0; d < shape.length; d++) {
      long span = (long) (shape[d] - 1) * strides[d];
      if (span < 0) lo += span; else hi += span;
    }
    if (lo < 0 || hi >= storage.size()) {
      throw new IllegalArgumentException("view shape " + Shapes.str(shape) + " strides " + Shapes.str(strides)
          + " offset " + offset + " reaches outside its storage of " + storage.size() + " elements");
    }
  }

  // ---- creation ----

  /** A zero-filled contiguous array on {@code device}. */
  public static NDArray zeros(Device device, DType dtype, int... shape) {
    return new NDArray(device.allocate(dtype, Shapes.numel(shape)), shape, Shapes.contiguousStrides(shape), 0);
  }

  /** A zero-filled float32 array on the CPU. */
  public static NDArray zeros(int... shape) {
    return zeros(CpuDevice.CPU, DType.FLOAT32, shape);
  }

  /** A zero-filled array of this array's device and dtype and the given shape. */
  public NDArray newZeros(int... shape) {
    return zeros(device(), dtype(), shape);
  }

  /** A zero-filled array like {@code like} (device, dtype, shape). */
  public static NDArray zerosLike(NDArray like) {
    return zeros(like.device(), like.dtype(), like.shape);
  }

  /** A float32 CPU array holding a copy of {@code data} in C order; no shape means 1-D. */
  public static NDArray of(float[] data, int... shape) {
    return withShape(data, shape.length == 0 ? new int[] {data.length} : shape);
  }

  /** A float32 CPU array holding a copy of {@code data}; an empty shape means 0-d here. */
  private static NDArray withShape(float[] data, int[] shape) {
    if (Shapes.numel(shape) != data.length) {
      throw new IllegalArgumentException(data.length + " values do not fill shape " + Shapes.str(shape));
    }
    NDArray a = zeros(CpuDevice.CPU, DType.FLOAT32, shape);
    a.storage.writeFloats(0, data, 0, data.length);
    return a;
  }

  /** An int64 CPU array holding a copy of {@code data} in C order; no shape means 1-D. */
  public static NDArray ofLongs(long[] data, int... shape) {
    int[] s = shape.length == 0 ? new int[] {data.length} : shape;
    if (Shapes.numel(s) != data.length) {
      throw new IllegalArgumentException(data.length + " values do not fill shape " + Shapes.str(s));
    }
    NDArray a = zeros(CpuDevice.CPU, DType.INT64, s);
    a.storage.writeLongs(0, data, 0, data.length);
    return a;
  }

  /** A 0-d float32 array. */
  public static NDArray scalar(float value) {
    NDArray a = zeros();
    a.storage.setFloat(0, value);
    return a;
  }

  /** A float32 CPU array with every element {@code value}. */
  public static NDArray full(float value, int... shape) {
    NDArray a = zeros(shape);
    a.fill(value);
    return a;
  }

  public static NDArray ones(int... shape) {
    return full(1f, shape);
  }

  /** [0, 1, ..., n-1] as float32. */
  public static NDArray arange(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = i;
    return of(v);
  }

  /** Standard normal float32 values drawn from {@code random}, in C order. */
  public static NDArray randn(Random random, int... shape) {
    float[] v = new float[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
    return withShape(v, shape);
  }

  /** Uniform [0, 1) float32 values drawn from {@code random}, in C order. */
  public static NDArray rand(Random random, int... shape) {
    float[] v = new float[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = random.nextFloat();
    return withShape(v, shape);
  }

  /** A contiguous copy on {@code device} (this array itself when it is already there). */
  public NDArray to(Device device) {
    if (device == device()) return this;
    NDArray out = zeros(device, dtype(), shape);
    if (dtype() == DType.FLOAT32) {
      float[] v = toFloatArray();
      out.storage.writeFloats(0, v, 0, v.length);
    } else {
      long[] v = toLongArray();
      out.storage.writeLongs(0, v, 0, v.length);
    }
    return out;
  }

  // ---- what it is ----

  public Storage storage() {
    return storage;
  }

  public Device device() {
    return storage.device();
  }

  /** The kernels of this array's device: the only way to compute on its data. */
  public Kernels kernels() {
    return storage.device().kernels();
  }

  public DType dtype() {
    return storage.dtype();
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Size of dimension {@code dim} (negative counts from the end). */
  public int shape(int dim) {
    return shape[Shapes.dim(dim, shape.length)];
  }

  /** A copy of the strides, in elements. */
  public int[] strides() {
    return strides.clone();
  }

  public int stride(int dim) {
    return strides[Shapes.dim(dim, shape.length)];
  }

  /** Index into the storage of element (0, 0, ...). */
  public int offset() {
    return offset;
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  public int numel() {
    return Shapes.numel(shape);
  }

  /** True when the elements lie in C order with no gaps (size-1 dimensions may have any stride). */
  public boolean isContiguous() {
    if (numel() == 0) return true;
    int s = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != s) return false;
      s *= shape[d];
    }
    return true;
  }

  /** True when this array and {@code other} have equal shapes. */
  public boolean sameShape(NDArray other) {
    return Arrays.equals(shape, other.shape);
  }

  // ---- views (no copies) ----

  private Layout layout() {
    return new Layout(shape, strides, offset);
  }

  private NDArray on(Layout l) {
    return new NDArray(storage, l.shape(), l.strides(), l.offset());
  }

  /** The same elements seen as {@code shape} (one entry may be -1); throws when strides forbid it. */
  public NDArray view(int... newShape) {
    int[] s = Shapes.infer(newShape, numel());
    int[] st = Shapes.viewStrides(shape, strides, s);
    if (st == null) {
      throw new IllegalArgumentException("cannot view shape " + Shapes.str(shape) + " with strides "
          + Shapes.str(strides) + " as " + Shapes.str(s) + " without a copy; use reshape");
    }
    return new NDArray(storage, s, st, offset);
  }

  /** Like {@link #view}, copying into a contiguous array only when a view is impossible. */
  public NDArray reshape(int... newShape) {
    int[] s = Shapes.infer(newShape, numel());
    int[] st = Shapes.viewStrides(shape, strides, s);
    return st != null ? new NDArray(storage, s, st, offset) : contiguous().view(s);
  }

  /** A 1-D view (or copy, when strides forbid a view) of all elements. */
  public NDArray flatten() {
    return reshape(-1);
  }

  /** Reorders dimensions: dimension i of the result is dimension {@code dims[i]} of this array. */
  public NDArray permute(int... dims) {
    return on(layout().permute(dims));
  }

  /** Swaps two dimensions. */
  public NDArray transpose(int dim0, int dim1) {
    int[] order = new int[shape.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    int a = Shapes.dim(dim0, shape.length), b = Shapes.dim(dim1, shape.length);
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** Elements {@code start .. start+length-1} along {@code dim}. */
  public NDArray narrow(int dim, int start, int length) {
    return on(layout().narrow(dim, start, length));
  }

  /** Elements {@code start .. end-1} along {@code dim} (Python's {@code x[start:end]}). */
  public NDArray slice(int dim, int start, int end) {
    return narrow(dim, start, end - start);
  }

  /** Every {@code step}-th element of {@code start .. end-1} along {@code dim}. */
  public NDArray slice(int dim, int start, int end, int step) {
    return on(layout().slice(dim, start, end, step));
  }

  /** The slice at {@code index} along {@code dim}, with that dimension removed. */
  public NDArray select(int dim, int index) {
    int d = Shapes.dim(dim, shape.length);
    if (index < 0) index += shape[d];
    return narrow(d, index, 1).squeeze(d);
  }

  /**
   * Broadcasts to {@code newShape} without copying: size-1 dimensions (and new leading ones) get
   * stride 0; -1 keeps a dimension's size.
   */
  public NDArray expand(int... newShape) {
    return on(layout().expand(newShape));
  }

  /** Removes every size-1 dimension. */
  public NDArray squeeze() {
    return on(layout().squeeze());
  }

  /** Removes dimension {@code dim} when its size is 1 (else returns this array, as PyTorch does). */
  public NDArray squeeze(int dim) {
    if (shape[Shapes.dim(dim, shape.length)] != 1) return this;
    return on(layout().squeeze(dim));
  }

  /** Inserts a size-1 dimension at {@code dim} (in [-(rank+1), rank]). */
  public NDArray unsqueeze(int dim) {
    return on(layout().unsqueeze(dim));
  }

  /** This array when it is contiguous, else a contiguous copy. */
  public NDArray contiguous() {
    return isContiguous() ? this : copy();
  }

  /** A contiguous copy (always a new storage). */
  public NDArray copy() {
    NDArray out = zeros(device(), dtype(), shape);
    kernels().copy(this, out);
    return out;
  }

  /** A contiguous copy converted to {@code dtype} (this array when it already has that dtype). */
  public NDArray to(DType dtype) {
    if (dtype == dtype()) return this;
    NDArray out = zeros(device(), dtype, shape);
    kernels().copy(this, out);
    return out;
  }

  // ---- element access (for tests, learners and the few numbers read back) ----

  private int index(int[] idx) {
    if (idx.length != shape.length) {
      throw new IllegalArgumentException("index " + Shapes.str(idx) + " has rank " + idx.length + ", array has shape "
          + Shapes.str(shape));
    }
    int at = offset;
    for (int d = 0; d < idx.length; d++) {
      int i = idx[d] < 0 ? idx[d] + shape[d] : idx[d];
      if (i < 0 || i >= shape[d]) {
        throw new IndexOutOfBoundsException("index " + Shapes.str(idx) + " out of range for shape " + Shapes.str(shape));
      }
      at += i * strides[d];
    }
    return at;
  }

  /** The float32 element at {@code index} (negative indices count from the end). */
  public float get(int... index) {
    requireDType(DType.FLOAT32);
    return storage.getFloat(index(index));
  }

  /** Sets the float32 element at {@code index}. */
  public void set(float value, int... index) {
    requireDType(DType.FLOAT32);
    storage.setFloat(index(index), value);
  }

  public long getLong(int... index) {
    requireDType(DType.INT64);
    return storage.getLong(index(index));
  }

  public void setLong(long value, int... index) {
    requireDType(DType.INT64);
    storage.setLong(index(index), value);
  }

  /** The value of a one-element float32 array. */
  public float item() {
    if (numel() != 1) throw new IllegalArgumentException("item() needs one element, shape is " + Shapes.str(shape));
    requireDType(DType.FLOAT32);
    return storage.getFloat(offset);
  }

  /** The float32 elements in C order (a new array). */
  public float[] toFloatArray() {
    requireDType(DType.FLOAT32);
    NDArray c = contiguous();
    float[] out = new float[c.numel()];
    c.storage.readFloats(c.offset, out, 0, out.length);
    return out;
  }

  /** The int64 elements in C order (a new array). */
  public long[] toLongArray() {
    requireDType(DType.INT64);
    NDArray c = contiguous();
    long[] out = new long[c.numel()];
    c.storage.readLongs(c.offset, out, 0, out.length);
    return out;
  }

  private void requireDType(DType want) {
    if (dtype() != want) throw new IllegalArgumentException("expected a " + want + " array, got " + dtype());
  }

  // ---- in place ----

  /** Writes {@code src} (broadcast to this shape) into this array's elements; returns this. */
  public NDArray copyFrom(NDArray src) {
    sameDevice(src);
    kernels().copy(src.expand(shape), this);
    return this;
  }

  /** Sets every element to {@code value}; returns this. */
  public NDArray fill(double value) {
    kernels().fill(this, value);
    return this;
  }

  /** this += other (broadcast to this shape); returns this. */
  public NDArray addInPlace(NDArray other) {
    sameDevice(other);
    kernels().binary(BinaryOp.ADD, this, other.expand(shape), this);
    return this;
  }

  /** this *= s; returns this. */
  public NDArray mulInPlace(float s) {
    kernels().binaryScalar(BinaryOp.MUL, this, s, this);
    return this;
  }

  // ---- elementwise math (new arrays; broadcasting as in NumPy) ----

  public NDArray apply(UnaryOp op) {
    NDArray out = newZeros(shape);
    kernels().unary(op, this, out);
    return out;
  }

  public NDArray apply(BinaryOp op, NDArray other) {
    sameDevice(other);
    int[] s = Shapes.broadcast(shape, other.shape);
    NDArray out = zeros(device(), DType.FLOAT32, s);
    kernels().binary(op, expand(s), other.expand(s), out);
    return out;
  }

  public NDArray apply(BinaryOp op, float s) {
    NDArray out = newZeros(shape);
    kernels().binaryScalar(op, this, s, out);
    return out;
  }

  /** cond != 0 ? a : b, all three broadcast together. */
  public static NDArray where(NDArray cond, NDArray a, NDArray b) {
    a.sameDevice(b);
    a.sameDevice(cond);
    int[] s = Shapes.broadcast(Shapes.broadcast(cond.shape, a.shape), b.shape);
    NDArray out = zeros(a.device(), DType.FLOAT32, s);
    a.kernels().where(cond.expand(s), a.expand(s), b.expand(s), out);
    return out;
  }

  public NDArray add(NDArray o) { return apply(BinaryOp.ADD, o); }
  public NDArray sub(NDArray o) { return apply(BinaryOp.SUB, o); }
  public NDArray mul(NDArray o) { return apply(BinaryOp.MUL, o); }
  public NDArray div(NDArray o) { return apply(BinaryOp.DIV, o); }
  public NDArray pow(NDArray o) { return apply(BinaryOp.POW, o); }
  public NDArray maximum(NDArray o) { return apply(BinaryOp.MAX, o); }
  public NDArray minimum(NDArray o) { return apply(BinaryOp.MIN, o); }
  public NDArray eq(NDArray o) { return apply(BinaryOp.EQ, o); }
  public NDArray ne(NDArray o) { return apply(BinaryOp.NE, o); }
  public NDArray gt(NDArray o) { return apply(BinaryOp.GT, o); }
  public NDArray ge(NDArray o) { return apply(BinaryOp.GE, o); }
  public NDArray lt(NDArray o) { return apply(BinaryOp.LT, o); }
  public NDArray le(NDArray o) { return apply(BinaryOp.LE, o); }

  public NDArray add(float s) { return apply(BinaryOp.ADD, s); }
  public NDArray sub(float s) { return apply(BinaryOp.SUB, s); }
  public NDArray mul(float s) { return apply(BinaryOp.MUL, s); }
  public NDArray div(float s) { return apply(BinaryOp.DIV, s); }
  public NDArray pow(float s) { return apply(BinaryOp.POW, s); }
  public NDArray maximum(float s) { return apply(BinaryOp.MAX, s); }
  public NDArray eq(float s) { return apply(BinaryOp.EQ, s); }
  public NDArray gt(float s) { return apply(BinaryOp.GT, s); }
  public NDArray lt(float s) { return apply(BinaryOp.LT, s); }

  public NDArray neg() { return apply(UnaryOp.NEG); }
  public NDArray exp() { return apply(UnaryOp.EXP); }
  public NDArray log() { return apply(UnaryOp.LOG); }
  public NDArray sqrt() { return apply(UnaryOp.SQRT); }
  public NDArray rsqrt() { return apply(UnaryOp.RSQRT); }
  public NDArray relu() { return apply(UnaryOp.RELU); }
  public NDArray sigmoid() { return apply(UnaryOp.SIGMOID); }
  public NDArray silu() { return apply(UnaryOp.SILU); }
  public NDArray tanh() { return apply(UnaryOp.TANH); }
  public NDArray abs() { return apply(UnaryOp.ABS); }
  public NDArray square() { return apply(UnaryOp.SQUARE); }
  public NDArray reciprocal() { return apply(UnaryOp.RECIPROCAL); }

  // ---- reductions ----

  /**
   * Reduces over {@code dims} (negative allowed); keeps them as size 1 when {@code keepdim}.
   */
  public NDArray reduce(ReduceOp op, int[] dims, boolean keepdim) {
    requireDType(DType.FLOAT32);
    return ArrayMath.reduce(this, op, dims, keepdim);
  }

  private static int[] allDims(int rank) {
    int[] d = new int[rank];
    for (int i = 0; i < rank; i++) d[i] = i;
    return d;
  }

  /** Sum of all elements, as a 0-d array. */
  public NDArray sum() { return reduce(ReduceOp.SUM, allDims(rank()), false); }
  public NDArray sum(int dim, boolean keepdim) { return reduce(ReduceOp.SUM, new int[] {dim}, keepdim); }
  public NDArray sum(int[] dims, boolean keepdim) { return reduce(ReduceOp.SUM, dims, keepdim); }
  public NDArray mean() { return reduce(ReduceOp.MEAN, allDims(rank()), false); }
  public NDArray mean(int dim, boolean keepdim) { return reduce(ReduceOp.MEAN, new int[] {dim}, keepdim); }
  public NDArray mean(int[] dims, boolean keepdim) { return reduce(ReduceOp.MEAN, dims, keepdim); }
  public NDArray max() { return reduce(ReduceOp.MAX, allDims(rank()), false); }
  public NDArray max(int dim, boolean keepdim) { return reduce(ReduceOp.MAX, new int[] {dim}, keepdim); }
  public NDArray min() { return reduce(ReduceOp.MIN, allDims(rank()), false); }
  public NDArray min(int dim, boolean keepdim) { return reduce(ReduceOp.MIN, new int[] {dim}, keepdim); }

  /** Index of the largest element along {@code dim} (first on ties), as int64. */
  public NDArray argmax(int dim, boolean keepdim) {
    return ArrayMath.argmax(this, dim, keepdim);
  }

  /**
   * Sums this array down to {@code target}, a shape it was broadcast from: leading extra
   * dimensions and dimensions where {@code target} has size 1 are summed away. This is how
   * autograd undoes broadcasting, in one place.
   */
  public NDArray sumTo(int... target) {
    return ArrayMath.sumTo(this, target);
  }

  // ---- matmul and softmax ----

  /**
   * Matrix product with NumPy semantics: [..., m, k] @ [..., k, n] with broadcast batch
   * dimensions; a 1-D operand is a vector (its dimension is removed from the result).
   */
  public NDArray matmul(NDArray other) {
    return ArrayMath.matmul(this, other);
  }

  /** Softmax along {@code dim}. */
  public NDArray softmax(int dim) {
    NDArray out = newZeros(shape);
    kernels().softmax(this, Shapes.dim(dim, shape.length), out);
    return out;
  }

  /** Log-softmax along {@code dim}. */
  public NDArray logSoftmax(int dim) {
    NDArray out = newZeros(shape);
    kernels().logSoftmax(this, Shapes.dim(dim, shape.length), out);
    return out;
  }

  // ---- checks and printing ----

  /** Throws unless {@code other} lives on this array's device. */
  public void sameDevice(NDArray other) {
    if (other.device() != device()) {
      throw new IllegalArgumentException("arrays on different devices: " + device().name() + " and "
          + other.device().name());
    }
  }

  /** NumPy-style text: nested brackets, aligned columns, "..." for long dimensions. */
  @Override
  public String toString() {
    return ArrayFormat.format(this);
  }
}
