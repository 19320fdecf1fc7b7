package cs336.autograd;

import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cpu.scalar.ScalarKernels;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The one helper every op test goes through, so an op test is one to three lines:
 * <pre>{@code
 * OpCheck.check(t -> t[0].exp(), OpCheck.elementwise(Math::exp), OpCheck.uniform(1, -2, 2, 3, 4));
 * OpCheck.check(t -> t[0].rmsNorm(t[1], 1e-5f), t -> Composites.rmsNorm(t[0], t[1], 1e-5f), x, w);
 * }</pre>
 * It checks, in order:
 * <ol>
 *   <li>forward on the CPU's default kernels (SIMD) against the scalar reference kernels;</li>
 *   <li>forward against {@code reference}, when given (a per-element formula, or a composite
 *       built from other ops);</li>
 *   <li>the backward by {@link GradCheck} (central differences);</li>
 *   <li>the backward's gradients on the default kernels against the scalar kernels, and against the
 *       reference's gradients when the reference is differentiable.</li>
 * </ol>
 */
public final class OpCheck {
  private OpCheck() {}

  /** Tolerance between the SIMD and scalar kernels, and between an op and its reference. */
  static final double ATOL = 1e-5, RTOL = 1e-4;

  /** Random uniform [lo, hi) float32 input that requires grad. */
  public static Tensor uniform(long seed, float lo, float hi, int... shape) {
    Random r = new Random(seed);
    float[] v = new float[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * r.nextFloat();
    return Tensor.of(NDArray.of(v).view(shape)).requiresGrad(true);
  }

  /** Random standard-normal float32 input that requires grad. */
  public static Tensor randn(long seed, int... shape) {
    return Tensor.of(NDArray.randn(new Random(seed), shape)).requiresGrad(true);
  }

  /** A reference computing {@code f} per element in double (input 0). */
  public static Function<Tensor[], Tensor> elementwise(DoubleUnaryOperator f) {
    return t -> {
      float[] x = t[0].data().toFloatArray();
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) y[i] = (float) f.applyAsDouble(x[i]);
      return Tensor.of(NDArray.of(y).view(t[0].shape()));
    };
  }

  /** A reference computing {@code f} per element in double over inputs 0 and 1, broadcast. */
  public static Function<Tensor[], Tensor> elementwise(DoubleBinaryOperator f) {
    return t -> {
      int[] shape = Shapes.broadcast(t[0].shape(), t[1].shape());
      float[] a = t[0].data().expand(shape).toFloatArray(), b = t[1].data().expand(shape).toFloatArray();
      float[] y = new float[a.length];
      for (int i = 0; i < a.length; i++) y[i] = (float) f.applyAsDouble(a[i], b[i]);
      return Tensor.of(NDArray.of(y).view(shape));
    };
  }

  /** All checks without a separate reference (scalar-vs-default kernels and the gradient check). */
  public static void check(Function<Tensor[], Tensor> op, Tensor... inputs) {
    check(GradCheck.Options.defaults(), op, null, inputs);
  }

  /** All checks, with {@code reference} for the forward (and backward, when differentiable). */
  public static void check(Function<Tensor[], Tensor> op, Function<Tensor[], Tensor> reference, Tensor... inputs) {
    check(GradCheck.Options.defaults(), op, reference, inputs);
  }

  /** All checks with explicit gradient-check options; {@code reference} may be null. */
  public static void check(GradCheck.Options options, Function<Tensor[], Tensor> op,
      Function<Tensor[], Tensor> reference, Tensor... inputs) {
    NDArray out;
    NDArray outScalar;
    try (NoGrad ignored = NoGrad.enter()) {
      out = op.apply(inputs).data();
      try (var scalar = CpuDevice.CPU.use(ScalarKernels.INSTANCE)) {
        outScalar = op.apply(inputs).data();
      }
      AllClose.check("forward, default kernels vs scalar kernels", outScalar, out, ATOL, RTOL);
      if (reference != null) {
        AllClose.check("forward vs reference", reference.apply(inputs).data(), out, ATOL, RTOL);
      }
    }
    boolean differentiable = false;
    for (Tensor t : inputs) differentiable |= t.requiresGrad();
    if (!differentiable) return;
    GradCheck.check(options, op, inputs);
    NDArray[] grads = GradCheck.analyticGradients(options, op, inputs);
    NDArray[] scalarGrads;
    try (var scalar = CpuDevice.CPU.use(ScalarKernels.INSTANCE)) {
      scalarGrads = GradCheck.analyticGradients(options, op, inputs);
    }
    NDArray[] refGrads = null;
    if (reference != null && reference.apply(inputs).requiresGrad()) {
      refGrads = GradCheck.analyticGradients(options, reference, inputs);
    }
    for (int i = 0; i < inputs.length; i++) {
      if (grads[i] == null) continue;
      AllClose.check("gradient of input " + i + ", default kernels vs scalar kernels", scalarGrads[i], grads[i], ATOL, RTOL);
      if (refGrads != null) AllClose.check("gradient of input " + i + " vs reference", refGrads[i], grads[i], ATOL, RTOL);
    }
  }
}
