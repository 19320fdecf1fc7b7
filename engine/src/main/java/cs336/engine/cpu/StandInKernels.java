package cs336.engine.cpu;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;

/**
 * The kernels of a {@link StandInDevice}: each call checks that every array argument belongs to
 * the stand-in, then runs the CPU's kernel (whichever {@link CpuDevice#CPU} uses now) on CPU views
 * of the same memory.
 */
final class StandInKernels implements Kernels {
  private final StandInDevice device;

  StandInKernels(StandInDevice device) {
    this.device = device;
  }

  private static Kernels cpu() {
    return CpuDevice.CPU.kernels();
  }

  private NDArray h(NDArray a, String role) {
    return device.host(a, role);
  }

  @Override
  public String name() {
    return "stand-in for " + cpu().name();
  }

  @Override
  public void copy(NDArray src, NDArray dst) {
    cpu().copy(h(src, "copy src"), h(dst, "copy dst"));
  }

  @Override
  public void fill(NDArray dst, double value) {
    cpu().fill(h(dst, "fill dst"), value);
  }

  @Override
  public void unary(UnaryOp op, NDArray x, NDArray out) {
    cpu().unary(op, h(x, op + " x"), h(out, op + " out"));
  }

  @Override
  public void binary(BinaryOp op, NDArray a, NDArray b, NDArray out) {
    cpu().binary(op, h(a, op + " a"), h(b, op + " b"), h(out, op + " out"));
  }

  @Override
  public void binaryScalar(BinaryOp op, NDArray a, float s, NDArray out) {
    cpu().binaryScalar(op, h(a, op + " a"), s, h(out, op + " out"));
  }

  @Override
  public void where(NDArray cond, NDArray a, NDArray b, NDArray out) {
    cpu().where(h(cond, "where cond"), h(a, "where a"), h(b, "where b"), h(out, "where out"));
  }

  @Override
  public void reduce(ReduceOp op, NDArray x, NDArray out) {
    cpu().reduce(op, h(x, op + " x"), h(out, op + " out"));
  }

  @Override
  public void argmax(NDArray x, int dim, NDArray out) {
    cpu().argmax(h(x, "argmax x"), dim, h(out, "argmax out"));
  }

  @Override
  public void matmul(NDArray a, NDArray b, NDArray out, boolean accumulate) {
    cpu().matmul(h(a, "matmul a"), h(b, "matmul b"), h(out, "matmul out"), accumulate);
  }

  @Override
  public void softmax(NDArray x, int dim, NDArray out) {
    cpu().softmax(h(x, "softmax x"), dim, h(out, "softmax out"));
  }

  @Override
  public void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    cpu().softmaxBackward(h(y, "softmax y"), h(dy, "softmax dy"), dim, h(dx, "softmax dx"));
  }

  @Override
  public void logSoftmax(NDArray x, int dim, NDArray out) {
    cpu().logSoftmax(h(x, "logSoftmax x"), dim, h(out, "logSoftmax out"));
  }

  @Override
  public void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    cpu().logSoftmaxBackward(h(y, "logSoftmax y"), h(dy, "logSoftmax dy"), dim, h(dx, "logSoftmax dx"));
  }

  @Override
  public void embedding(NDArray weight, NDArray ids, NDArray out) {
    cpu().embedding(h(weight, "embedding weight"), h(ids, "embedding ids"), h(out, "embedding out"));
  }

  @Override
  public void embeddingBackward(NDArray ids, NDArray dOut, NDArray dWeight) {
    cpu().embeddingBackward(h(ids, "embedding ids"), h(dOut, "embedding dOut"), h(dWeight, "embedding dWeight"));
  }

  @Override
  public void gather(NDArray x, int dim, NDArray index, NDArray out) {
    cpu().gather(h(x, "gather x"), dim, h(index, "gather index"), h(out, "gather out"));
  }

  @Override
  public void scatterAdd(NDArray dst, int dim, NDArray index, NDArray src) {
    cpu().scatterAdd(h(dst, "scatterAdd dst"), dim, h(index, "scatterAdd index"), h(src, "scatterAdd src"));
  }

  @Override
  public void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    cpu().rmsNorm(h(x, "rmsNorm x"), h(weight, "rmsNorm weight"), eps, h(out, "rmsNorm out"), h(rstd, "rmsNorm rstd"));
  }

  @Override
  public void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight) {
    cpu().rmsNormBackward(h(x, "rmsNorm x"), h(weight, "rmsNorm weight"), h(rstd, "rmsNorm rstd"),
        h(dOut, "rmsNorm dOut"), h(dx, "rmsNorm dx"), h(dWeight, "rmsNorm dWeight"));
  }

  @Override
  public void silu(NDArray x, NDArray out) {
    cpu().silu(h(x, "silu x"), h(out, "silu out"));
  }

  @Override
  public void siluBackward(NDArray x, NDArray dOut, NDArray dx) {
    cpu().siluBackward(h(x, "silu x"), h(dOut, "silu dOut"), h(dx, "silu dx"));
  }

  @Override
  public void swiglu(NDArray a, NDArray b, NDArray out) {
    cpu().swiglu(h(a, "swiglu a"), h(b, "swiglu b"), h(out, "swiglu out"));
  }

  @Override
  public void swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db) {
    cpu().swigluBackward(h(a, "swiglu a"), h(b, "swiglu b"), h(dOut, "swiglu dOut"), h(da, "swiglu da"),
        h(db, "swiglu db"));
  }

  @Override
  public void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    cpu().rope(h(x, "rope x"), h(positions, "rope positions"), theta, inverse, h(out, "rope out"));
  }

  @Override
  public void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    cpu().crossEntropy(h(logits, "crossEntropy logits"), h(targets, "crossEntropy targets"),
        h(losses, "crossEntropy losses"), h(lse, "crossEntropy lse"));
  }

  @Override
  public void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits) {
    cpu().crossEntropyBackward(h(logits, "crossEntropy logits"), h(targets, "crossEntropy targets"),
        h(lse, "crossEntropy lse"), scale, h(dLogits, "crossEntropy dLogits"));
  }

  @Override
  public void attention(NDArray q, NDArray k, NDArray v, float scale, boolean causal, NDArray out, NDArray lse) {
    cpu().attention(h(q, "attention q"), h(k, "attention k"), h(v, "attention v"), scale, causal,
        h(out, "attention out"), h(lse, "attention lse"));
  }

  @Override
  public void attentionBackward(NDArray q, NDArray k, NDArray v, NDArray out, NDArray dOut, NDArray lse, float scale,
      boolean causal, NDArray dq, NDArray dk, NDArray dv) {
    cpu().attentionBackward(h(q, "attention q"), h(k, "attention k"), h(v, "attention v"), h(out, "attention out"),
        h(dOut, "attention dOut"), h(lse, "attention lse"), scale, causal, h(dq, "attention dq"),
        h(dk, "attention dk"), h(dv, "attention dv"));
  }

  @Override
  public void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    cpu().adamw(h(param, "adamw param"), h(grad, "adamw grad"), h(m, "adamw m"), h(v, "adamw v"), step);
  }
}
