package cs336.engine.cpu.scalar;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;
import cs336.engine.cpu.CpuAttention;
import cs336.engine.cpu.CpuMatmul;

/**
 * The readable reference kernels: plain loops, one element at a time, sums in double. Every
 * faster kernel is tested against these. Each family lives in its own class ({@code Scalar*});
 * matmul and attention go to the GEMM and flash-attention packages, which keep their own
 * references. Not final: the SIMD kernels extend this class and override what they speed up,
 * falling back here for layouts they do not handle.
 */
public class ScalarKernels implements Kernels {
  /** The shared instance (the kernels hold no state). */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  protected ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  // ---- copy and fill ----

  @Override
  public void copy(NDArray src, NDArray dst) {
    ScalarElementwise.copy(src, dst);
  }

  @Override
  public void fill(NDArray dst, double value) {
    ScalarElementwise.fill(dst, value);
  }

  // ---- elementwise ----

  @Override
  public void unary(UnaryOp op, NDArray x, NDArray out) {
    ScalarElementwise.unary(op, x, out);
  }

  @Override
  public void binary(BinaryOp op, NDArray a, NDArray b, NDArray out) {
    ScalarElementwise.binary(op, a, b, out);
  }

  @Override
  public void binaryScalar(BinaryOp op, NDArray a, float s, NDArray out) {
    ScalarElementwise.binaryScalar(op, a, s, out);
  }

  @Override
  public void where(NDArray cond, NDArray a, NDArray b, NDArray out) {
    ScalarElementwise.where(cond, a, b, out);
  }

  // ---- reductions ----

  @Override
  public void reduce(ReduceOp op, NDArray x, NDArray out) {
    ScalarReduce.reduce(op, x, out);
  }

  @Override
  public void argmax(NDArray x, int dim, NDArray out) {
    ScalarReduce.argmax(x, dim, out);
  }

  // ---- matmul ----

  @Override
  public void matmul(NDArray a, NDArray b, NDArray out, boolean accumulate) {
    CpuMatmul.matmul(a, b, out, accumulate);
  }

  // ---- softmax ----

  @Override
  public void softmax(NDArray x, int dim, NDArray out) {
    ScalarSoftmax.softmax(x, dim, out);
  }

  @Override
  public void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    ScalarSoftmax.softmaxBackward(y, dy, dim, dx);
  }

  @Override
  public void logSoftmax(NDArray x, int dim, NDArray out) {
    ScalarSoftmax.logSoftmax(x, dim, out);
  }

  @Override
  public void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    ScalarSoftmax.logSoftmaxBackward(y, dy, dim, dx);
  }

  // ---- indexing ----

  @Override
  public void embedding(NDArray weight, NDArray ids, NDArray out) {
    ScalarIndex.embedding(weight, ids, out);
  }

  @Override
  public void embeddingBackward(NDArray ids, NDArray dOut, NDArray dWeight) {
    ScalarIndex.embeddingBackward(ids, dOut, dWeight);
  }

  @Override
  public void gather(NDArray x, int dim, NDArray index, NDArray out) {
    ScalarIndex.gather(x, dim, index, out);
  }

  @Override
  public void scatterAdd(NDArray dst, int dim, NDArray index, NDArray src) {
    ScalarIndex.scatterAdd(dst, dim, index, src);
  }

  // ---- fused ----

  @Override
  public void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    ScalarNorm.rmsNorm(x, weight, eps, out, rstd);
  }

  @Override
  public void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight) {
    ScalarNorm.rmsNormBackward(x, weight, rstd, dOut, dx, dWeight);
  }

  @Override
  public void silu(NDArray x, NDArray out) {
    ScalarActivation.silu(x, out);
  }

  @Override
  public void siluBackward(NDArray x, NDArray dOut, NDArray dx) {
    ScalarActivation.siluBackward(x, dOut, dx);
  }

  @Override
  public void swiglu(NDArray a, NDArray b, NDArray out) {
    ScalarActivation.swiglu(a, b, out);
  }

  @Override
  public void swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db) {
    ScalarActivation.swigluBackward(a, b, dOut, da, db);
  }

  @Override
  public void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    ScalarRope.rope(x, positions, theta, inverse, out);
  }

  @Override
  public void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    ScalarCrossEntropy.crossEntropy(logits, targets, losses, lse);
  }

  @Override
  public void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits) {
    ScalarCrossEntropy.crossEntropyBackward(logits, targets, lse, scale, dLogits);
  }

  @Override
  public void attention(NDArray q, NDArray k, NDArray v, float scale, boolean causal, NDArray out, NDArray lse) {
    CpuAttention.forward(q, k, v, scale, causal, out, lse);
  }

  @Override
  public void attentionBackward(NDArray q, NDArray k, NDArray v, NDArray out, NDArray dOut, NDArray lse,
      float scale, boolean causal, NDArray dq, NDArray dk, NDArray dv) {
    CpuAttention.backward(q, k, v, out, dOut, lse, scale, causal, dq, dk, dv);
  }

  // ---- optimizer ----

  @Override
  public void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    ScalarAdamW.adamw(param, grad, m, v, step);
  }
}
