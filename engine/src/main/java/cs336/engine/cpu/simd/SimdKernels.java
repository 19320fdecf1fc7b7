package cs336.engine.cpu.simd;

import static cs336.engine.cpu.Rows.requireContiguous;

import cs336.engine.AdamWStep;
import cs336.engine.BinaryOp;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;
import cs336.engine.cpu.scalar.ScalarKernels;

/**
 * The Vector API kernels: each override runs the SIMD version when the layout allows (unit-stride
 * rows or segments) and otherwise the scalar reference it extends. Matmul and attention are
 * inherited: they already go to the GEMM and flash-attention packages.
 */
public final class SimdKernels extends ScalarKernels {
  public static final SimdKernels INSTANCE = new SimdKernels();

  private SimdKernels() {}

  /** Float lanes per vector of the preferred species (16 with AVX-512, 8 with AVX2). */
  public int lanes() {
    return VectorMath.L;
  }

  @Override
  public String name() {
    return "simd (" + VectorMath.L + " float lanes)";
  }

  // ---- copy and fill ----

  @Override
  public void copy(NDArray src, NDArray dst) {
    if (!SimdElementwise.copy(src, dst)) super.copy(src, dst);
  }

  @Override
  public void fill(NDArray dst, double value) {
    if (!SimdElementwise.fill(dst, value)) super.fill(dst, value);
  }

  // ---- elementwise ----

  @Override
  public void unary(UnaryOp op, NDArray x, NDArray out) {
    if (!SimdElementwise.unary(op, x, out)) super.unary(op, x, out);
  }

  @Override
  public void binary(BinaryOp op, NDArray a, NDArray b, NDArray out) {
    if (!SimdElementwise.binary(op, a, b, out)) super.binary(op, a, b, out);
  }

  @Override
  public void binaryScalar(BinaryOp op, NDArray a, float s, NDArray out) {
    if (!SimdElementwise.binaryScalar(op, a, s, out)) super.binaryScalar(op, a, s, out);
  }

  @Override
  public void where(NDArray cond, NDArray a, NDArray b, NDArray out) {
    if (!SimdElementwise.where(cond, a, b, out)) super.where(cond, a, b, out);
  }

  // ---- reductions ----

  @Override
  public void reduce(ReduceOp op, NDArray x, NDArray out) {
    if (!SimdReduce.reduce(op, x, out)) super.reduce(op, x, out);
  }

  // ---- softmax ----

  @Override
  public void softmax(NDArray x, int dim, NDArray out) {
    if (SimdSoftmax.unitRows(dim, x, out)) SimdSoftmax.softmax(x, dim, out); else super.softmax(x, dim, out);
  }

  @Override
  public void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    if (SimdSoftmax.unitRows(dim, y, dy, dx)) SimdSoftmax.softmaxBackward(y, dy, dim, dx);
    else super.softmaxBackward(y, dy, dim, dx);
  }

  @Override
  public void logSoftmax(NDArray x, int dim, NDArray out) {
    if (SimdSoftmax.unitRows(dim, x, out)) SimdSoftmax.logSoftmax(x, dim, out); else super.logSoftmax(x, dim, out);
  }

  @Override
  public void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    if (SimdSoftmax.unitRows(dim, y, dy, dx)) SimdSoftmax.logSoftmaxBackward(y, dy, dim, dx);
    else super.logSoftmaxBackward(y, dy, dim, dx);
  }

  // ---- fused ----

  @Override
  public void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd) {
    for (NDArray a : new NDArray[] {x, weight, out, rstd}) requireContiguous("rmsNorm operand", a);
    SimdNorm.rmsNorm(x, weight, eps, out, rstd);
  }

  @Override
  public void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight) {
    for (NDArray a : new NDArray[] {x, weight, rstd, dOut, dx, dWeight}) requireContiguous("rmsNormBackward operand", a);
    SimdNorm.rmsNormBackward(x, weight, rstd, dOut, dx, dWeight);
  }

  @Override
  public void silu(NDArray x, NDArray out) {
    if (!SimdActivation.silu(x, out)) super.silu(x, out);
  }

  @Override
  public void siluBackward(NDArray x, NDArray dOut, NDArray dx) {
    if (!SimdActivation.siluBackward(x, dOut, dx)) super.siluBackward(x, dOut, dx);
  }

  @Override
  public void swiglu(NDArray a, NDArray b, NDArray out) {
    if (!SimdActivation.swiglu(a, b, out)) super.swiglu(a, b, out);
  }

  @Override
  public void swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db) {
    if (!SimdActivation.swigluBackward(a, b, dOut, da, db)) super.swigluBackward(a, b, dOut, da, db);
  }

  @Override
  public void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out) {
    requireContiguous("rope x", x);
    requireContiguous("rope out", out);
    SimdRope.rope(x, positions, theta, inverse, out);
  }

  @Override
  public void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse) {
    for (NDArray a : new NDArray[] {logits, losses, lse}) requireContiguous("crossEntropy operand", a);
    SimdCrossEntropy.crossEntropy(logits, targets, losses, lse);
  }

  @Override
  public void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits) {
    for (NDArray a : new NDArray[] {logits, lse, dLogits}) requireContiguous("crossEntropyBackward operand", a);
    SimdCrossEntropy.crossEntropyBackward(logits, targets, lse, scale, dLogits);
  }

  // ---- optimizer ----

  @Override
  public void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    for (NDArray a : new NDArray[] {param, grad, m, v}) requireContiguous("adamw operand", a);
    SimdAdamW.adamw(param, grad, m, v, step);
  }
}
