package cs336.autograd;

import cs336.engine.AllClose;
import cs336.engine.DType;
import cs336.engine.NDArray;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Numerical gradient check, like torch.autograd.gradcheck: compares the gradients that backward
 * computes for {@code L = sum(f(inputs) * R)} (R random with a fixed seed, so every output element
 * matters with a different weight) against central differences
 * {@code (L(x + h) - L(x - h)) / (2h)}, one input element at a time.
 *
 * <p>f runs in float32, as it does in training; L is summed in double and the step is the
 * difference of the two perturbed float32 values actually used, so the check loses only what the
 * float32 evaluation itself loses. Keep inputs small (every element costs two evaluations of f)
 * and away from kinks (relu at 0, ties in max).
 */
public final class GradCheck {
  private GradCheck() {}

  /** Step and tolerances: an element passes when |analytic - numeric| <= atol + rtol * |numeric|. */
  public record Options(double step, double atol, double rtol, long seed) {
    /** Step 1e-3, atol 5e-3, rtol 1e-2, seed 1234: right for float32 and inputs of order 1. */
    public static Options defaults() {
      return new Options(1e-3, 5e-3, 1e-2, 1234);
    }

    public Options withTolerance(double atol, double rtol) {
      return new Options(step, atol, rtol, seed);
    }

    public Options withStep(double newStep) {
      return new Options(newStep, atol, rtol, seed);
    }
  }

  /** Checks with {@link Options#defaults()}; throws an AssertionError naming the input and worst element. */
  public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    check(Options.defaults(), f, inputs);
  }

  /** Checks every float32 input that requires grad. */
  public static void check(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
    NDArray[] analytic = analyticGradients(options, f, inputs);
    NDArray r = weights(options, f, inputs);
    for (int i = 0; i < inputs.length; i++) {
      if (analytic[i] == null) continue;
      NDArray numeric = numericGradient(options, f, inputs, i, r);
      AllClose.check(String.format(Locale.ROOT, "gradient of input %d %s", i, describe(inputs[i])), numeric,
          analytic[i], options.atol(), options.rtol());
    }
  }

  private static String describe(Tensor t) {
    return t.name() != null ? "'" + t.name() + "'" : cs336.engine.Shapes.str(t.shape());
  }

  /** The random weights R (shape of f's output). */
  static NDArray weights(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
    int[] shape;
    try (NoGrad ignored = NoGrad.enter()) {
      shape = f.apply(inputs).shape();
    }
    return NDArray.randn(new Random(options.seed()), shape);
  }

  /**
   * The gradients backward computes for sum(f(inputs) * R), per input (null for inputs that do not
   * require grad). Inputs' existing gradients are cleared first.
   */
  public static NDArray[] analyticGradients(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
    NDArray r = weights(options, f, inputs);
    for (Tensor t : inputs) t.setGrad(null);
    Tensor out = f.apply(inputs);
    if (!out.requiresGrad()) throw new AssertionError("the function's output does not require grad");
    out.backward(r);
    NDArray[] grads = new NDArray[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      if (!inputs[i].requiresGrad()) continue;
      grads[i] = inputs[i].grad() != null ? inputs[i].grad() : NDArray.zeros(inputs[i].shape());
      inputs[i].setGrad(null);
    }
    return grads;
  }

  private static NDArray numericGradient(Options options, Function<Tensor[], Tensor> f, Tensor[] inputs, int which,
      NDArray r) {
    NDArray x = inputs[which].data();
    if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException("gradcheck input " + which + " is not float32");
    int[] shape = x.shape();
    float[] grad = new float[x.numel()];
    float[] weights = r.toFloatArray();
    try (NoGrad ignored = NoGrad.enter()) {
      for (int j = 0; j < grad.length; j++) {
        int[] idx = AllClose.unravel(j, shape);
        float orig = x.get(idx);
        float plus = (float) (orig + options.step()), minus = (float) (orig - options.step());
        x.set(plus, idx);
        double lp = weightedSum(f.apply(inputs).data(), weights);
        x.set(minus, idx);
        double lm = weightedSum(f.apply(inputs).data(), weights);
        x.set(orig, idx);
        grad[j] = (float) ((lp - lm) / ((double) plus - minus));
      }
    }
    return NDArray.of(grad).view(shape);
  }

  private static double weightedSum(NDArray out, float[] weights) {
    float[] v = out.toFloatArray();
    double s = 0;
    for (int i = 0; i < v.length; i++) s += (double) v[i] * weights[i];
    return s;
  }
}
