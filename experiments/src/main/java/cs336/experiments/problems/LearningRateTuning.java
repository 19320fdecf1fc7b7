package cs336.experiments.problems;

import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.nn.Rng;
import cs336.nn.optim.SGD;
import cs336.experiments.util.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code learning_rate_tuning}: the handout's toy, SGD with step size lr / sqrt(t + 1)
 * on the mean of the squares of a 10x10 matrix initialised as 5 N(0, 1), for 10 steps at learning
 * rates 1e1, 1e2 and 1e3: the loss of each step.
 */
@Command(name = LearningRateTuning.ID, mixinStandardHelpOptions = true,
    description = "The handout's SGD toy at learning rates 1e1, 1e2, 1e3: loss per iteration.")
public final class LearningRateTuning extends ComputedProblem {
  static final String ID = "learning_rate_tuning";
  static final double[] RATES = {1e1, 1e2, 1e3};
  static final int STEPS = 10;

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  /** The loss before each of the {@code STEPS} updates at learning rate {@code lr} (same initial weights for every rate). */
  static double[] losses(double lr) {
    Rng rng = new Rng(0);
    float[] w = new float[100];
    for (int i = 0; i < w.length; i++) w[i] = (float) (5 * rng.nextGaussian());
    Tensor weights = Tensor.of(NDArray.of(w, 10, 10)).requiresGrad(true);
    SGD opt = new SGD(List.of(weights), lr);
    double[] out = new double[STEPS];
    for (int t = 0; t < STEPS; t++) {
      opt.zeroGrad();
      Tensor loss = weights.pow(2).mean();
      out[t] = loss.item();
      loss.backward();
      opt.step();
    }
    return out;
  }

  @Override
  Report report() {
    Report r = new Report(ID, "tuning the learning rate of SGD");
    r.text("The handout's example: `weights = 5 * randn(10, 10)`, loss = mean(weights²), SGD with step "
        + "lr / sqrt(t + 1) (`cs336.nn.optim.SGD`), 10 iterations from the same initial weights (seed 0) at each "
        + "learning rate. The loss printed before each update:");
    List<double[]> all = new ArrayList<>();
    for (double lr : RATES) all.add(losses(lr));
    List<List<String>> rows = new ArrayList<>();
    for (int t = 0; t < STEPS; t++) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(t)));
      for (double[] l : all) row.add(String.format(Locale.ROOT, "%.4g", l[t]));
      rows.add(row);
    }
    r.table(List.of("iteration", "lr = 1e1", "lr = 1e2", "lr = 1e3"), rows);
    double[] a = all.get(0), b = all.get(1), c = all.get(2);
    r.section("Answer");
    r.text(String.format(Locale.ROOT, "The gradient of mean(w²) is w/50, so step t multiplies every weight by "
            + "1 - lr / (50 sqrt(t + 1)) and the loss by its square. At lr 1e1 that factor stays in (0, 1): the loss "
            + "decays steadily but slowly, from %.4g to %.4g in 10 steps. At lr 1e2 the first step flips every "
            + "weight's sign (factor -1, the loss stays %.4g), the second shrinks them (%.4g), and the fourth, "
            + "with step size 100/2 = 50, lands on the minimum: the loss is %.3g from then on. At lr 1e3 every "
            + "factor is far below -1 (-19 at the first step): the loss diverges, to %.4g after 10 steps, since the "
            + "1/sqrt(t) decay is far too slow to bring the factor back into (-1, 1).",
        a[0], a[STEPS - 1], b[1], b[2], b[STEPS - 1], c[STEPS - 1]));
    r.reproduce("./cs336 experiment " + ID);
    return r;
  }
}
