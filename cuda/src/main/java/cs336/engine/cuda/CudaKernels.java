package cs336.engine.cuda;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.DType;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.Shapes;
import cs336.engine.UnaryOp;

/**
 * The engine's {@link Kernels} on the GPU. Each family lives in its own class, mirroring the CPU's
 * scalar kernels ({@code CudaElementwise}, {@code CudaReduce}, {@code CudaIndex}, {@code CudaFused},
 * {@code CudaMatmul}, {@code CudaAttention}); this class dispatches and holds what they share:
 * device pointers of views, launch sizes and the launch itself. Every kernel is queued
 * asynchronously; nothing here waits for the GPU.
 */
final class CudaKernels implements Kernels {
  /** Threads per block of the one-thread-per-element kernels. */
  static final int THREADS = 256;

  private final CudaDevice device;

  CudaKernels(CudaDevice device) {
    this.device = device;
  }

  @Override
  public String name() {
    return "cuda (" + device.precision().label() + " matmul)";
  }

  // ---- what the families share ----

  CudaDevice device() {
    return device;
  }

  /** The device address of {@code a}'s element 0; throws unless {@code a} lives on this GPU. */
  long ptr(NDArray a) {
    if (!(a.storage() instanceof CudaStorage s) || s.device() != device) {
      throw new IllegalArgumentException("expected an array on " + device.name() + ", got one on " + a.device().name());
    }
    return s.address(a.offset());
  }

  /** Address of the deferred-error word (common.cuh). */
  long err() {
    return device.errorWord();
  }

  /** Blocks for a grid-stride loop over {@code work} items of {@code perBlock} each (enough to fill the GPU). */
  int blocks(long work, int perBlock) {
    long want = (work + perBlock - 1) / perBlock;
    return (int) Math.min(want, (long) device.multiprocessors() * 32);
  }

  void launch(Kernel k, int gx, int gy, int gz, int block, KernelArgs args) {
    device.launcher().launch(k, gx, gy, gz, block, args);
  }

  /** One-dimensional launch over {@code n} elements, one thread each. */
  void launch1d(Kernel k, long n, KernelArgs args) {
    if (n > 0) launch(k, blocks(n, THREADS), 1, 1, THREADS, args);
  }

  /** A zero-filled float32 scratch array on this GPU. */
  NDArray scratch(int... shape) {
    return NDArray.zeros(device, DType.FLOAT32, shape);
  }

  static void requireContiguous(String what, NDArray a) {
    if (!a.isContiguous()) {
      throw new IllegalArgumentException(what + " must be contiguous (shape " + Shapes.str(a.shape()) + ", strides "
          + Shapes.str(a.strides()) + "); call contiguous() first");
    }
  }

  // ---- copy and fill ----

  @Override
  public void copy(NDArray src, NDArray dst) {
    CudaElementwise.copy(this, src, dst);
  }

  @Override
  public void fill(NDArray dst, double value) {
    CudaElementwise.fill(this, dst, value);
  }

  // ---- elementwise ----

  @Override
  public void unary(UnaryOp op, NDArray x, NDArray out) {
    CudaElementwise.unary(this, op, x, out);
  }

  @Override
  public void binary(BinaryOp op, NDArray a, NDArray b, NDArray out) {
    CudaElementwise.binary(this, op, a, b, out);
  }

  @Override
  public void binaryScalar(BinaryOp op, NDArray a, float s, NDArray out) {
    CudaElementwise.binaryScalar(this, op, a, s, out);
  }

  @Override
  public void where(NDArray cond, NDArray a, NDArray b, NDArray out) {
    CudaElementwise.where(this, cond, a, b, out);
  }

  // ---- reductions ----

  @Override
  public void reduce(ReduceOp op, NDArray x, NDArray out) {
    CudaReduce.reduce(this, op, x, out);
  }

  @Override
  public void argmax(NDArray x, int dim, NDArray out) {
    CudaReduce.argmax(this, x, dim, out);
  }

  // ---- matmul ----

  @Override
  public void matmul(NDArray a, NDArray b, NDArray out, boolean accumulate) {
    CudaMatmul.matmul(this, a, b, out, accumulate);
  }

  // ---- softmax ----

  @Override
  public void softmax(NDArray x, int dim, NDArray out) {
    CudaReduce.softmax(this, x, dim, out, false);
  }

  @Override
  public void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    CudaReduce.softmaxBackward(this, y, dy, dim, dx, false);
  }

  @Override
  public void logSoftmax(NDArray x, int dim, NDArray out) {
    CudaReduce.softmax(this, x, dim, out, true);
  }

  @Override
  public void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    CudaReduce.softmaxBackward(this, y, dy, dim, dx, true);
  }

  // ---- indexing ----

  @Override
  public void embedding(NDArray weight, NDArray ids, NDArray out) {
    CudaIndex.embedding(this, weight, ids, out);
  }

  @Override
  public void embeddingBackward(NDArray ids, NDArray dOut, NDArray dWeight) {
    CudaIndex.embeddingBackward(this, ids, dOut, dWeight);
  }

  @Override
  public void gather(NDArray x, int dim, NDArray index, NDArray out) {
    CudaIndex.gather(this, x, dim, index, out);
  }

  @Override
  public void scatterAdd(NDArray dst, int dim, NDArray index, NDArray src) {
    CudaIndex.scatterAdd(this, dst, dim, index, src);
  }

  // ---- fused ----

  @Override
  public void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    CudaFused.rmsNorm(this, x, weight, eps, out, rstd);
  }

  @Override
  public void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight) {
    CudaFused.rmsNormBackward(this, x, weight, rstd, dOut, dx, dWeight);
  }

  @Override
  public void silu(NDArray x, NDArray out) {
    CudaElementwise.pointwise(this, Kernel.SILU_FWD, out, x);
  }

  @Override
  public void siluBackward(NDArray x, NDArray dOut, NDArray dx) {
    CudaElementwise.pointwise(this, Kernel.SILU_BWD, dx, x, dOut);
  }

  @Override
  public void swiglu(NDArray a, NDArray b, NDArray out) {
    CudaElementwise.pointwise(this, Kernel.SWIGLU_FWD, out, a, b);
  }

  @Override
  public void swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db) {
    CudaElementwise.pointwise(this, Kernel.SWIGLU_BWD, da, db, a, b, dOut);
  }

  @Override
  public void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    CudaFused.rope(this, x, positions, theta, inverse, out);
  }

  @Override
  public void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    CudaFused.crossEntropy(this, logits, targets, losses, lse);
  }

  @Override
  public void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits) {
    CudaFused.crossEntropyBackward(this, logits, targets, lse, scale, dLogits);
  }

  @Override
  public void attention(NDArray q, NDArray k, NDArray v, float scale, boolean causal, NDArray out, NDArray lse) {
    CudaAttention.forward(this, q, k, v, scale, causal, out, lse);
  }

  @Override
  public void attentionBackward(NDArray q, NDArray k, NDArray v, NDArray out, NDArray dOut, NDArray lse,
      float scale, boolean causal, NDArray dq, NDArray dk, NDArray dv) {
    CudaAttention.backward(this, q, k, v, out, dOut, lse, scale, causal, dq, dk, dv);
  }

  // ---- optimizer ----

  @Override
  public void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    CudaElementwise.adamw(this, param, grad, m, v, step);
  }
}
