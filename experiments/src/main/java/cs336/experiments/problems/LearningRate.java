package cs336.experiments.problems;

import cs336.experiments.train.Scale;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainResult;
import cs336.experiments.util.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code learning_rate}: a sweep of the peak learning rate over two and a half
 * decades around the scale's default, up to rates that diverge; which is best, and is the best
 * one at the edge of stability?
 */
@Command(name = LearningRate.ID, mixinStandardHelpOptions = true,
    description = "Sweep the learning rate (including divergent runs): the best rate and the edge of stability.")
public final class LearningRate extends LmProblem {
  static final String ID = "learning_rate";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "tuning the learning rate";
  }

  /** Multiples of the scale's learning rate; the largest diverge (smaller models tolerate larger steps). */
  static double[] multiples(Scale scale) {
    return switch (scale) {
      case TINY -> new double[] {0.1, 0.3, 1, 3, 10, 300};
      case CPU -> new double[] {0.1, 0.3, 1, 3, 10, 100};
      case GPU -> new double[] {0.1, 0.3, 1, 3, 10, 30, 100};
    };
  }

  @Override
  void answer(ProblemRuns runs, Report report) throws Exception {
    double baseLr = runs.base().lr(), baseMin = runs.base().minLr();
    List<TrainResult> results = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (double m : multiples(runs.scale())) {
      double lr = baseLr * m;
      TrainConfig c = runs.with(Map.of("lr", lr, "min_lr", Math.min(baseMin * m, lr)));
      TrainResult r = runs.train("lr-" + java.math.BigDecimal.valueOf(lr).round(new java.math.MathContext(3))
          .stripTrailingZeros().toPlainString(), c);
      results.add(r);
      rows.add(ProblemRuns.row(List.of(String.format(Locale.ROOT, "%.3g", lr)), r));
    }
    List<String> header = new ArrayList<>(List.of("peak lr"));
    header.addAll(ProblemRuns.columns());
    report.section("(a) The sweep");
    report.text(String.format(Locale.ROOT, "Each run: the same model, data, seed and steps; AdamW with a linear warmup "
        + "to the peak learning rate and a cosine decay to a tenth of it; gradient clipping at %s. A run stops as "
        + "diverged when its loss becomes NaN or rises above twice its lowest (and above ln(vocab_size)).",
        runs.base().maxGradNorm()));
    report.table(header, rows);
    report.image("learning curves of the sweep", runs.plot("curves.png", "learning rate sweep", results));

    TrainResult best = null, firstDiverged = null, lastStable = null;
    for (TrainResult r : results) {
      if (r.status() == TrainResult.Status.DIVERGED) {
        if (firstDiverged == null) firstDiverged = r;
        continue;
      }
      if (firstDiverged == null) lastStable = r;
      if (best == null || r.valLoss() < best.valLoss()) best = r;
    }
    report.section("Answer");
    StringBuilder a = new StringBuilder();
    a.append(best == null ? "Every run diverged: the sweep should start lower. "
        : String.format(Locale.ROOT, "The best peak learning rate is **%.3g**, with a final validation loss of **%.4f**. ",
            best.config().lr(), best.valLoss()));
    if (firstDiverged != null) {
      a.append(String.format(Locale.ROOT, "The smallest rate that diverged is %.3g (stopped at step %d)%s. ",
          firstDiverged.config().lr(), firstDiverged.steps(),
          lastStable == null ? "" : String.format(Locale.ROOT, "; the largest stable one below it is %.3g", lastStable.config().lr())));
      if (best != null && lastStable != null) {
        double ratio = firstDiverged.config().lr() / best.config().lr();
        a.append(best == lastStable
            ? String.format(Locale.ROOT, "So the best rate is the largest one of the sweep that stays stable (x%.3g "
                + "below the first divergent one): the folk wisdom holds here, the best learning rate sits at the edge "
                + "of stability. ", ratio)
            : String.format(Locale.ROOT, "So the best rate sits x%.3g below the first divergent one and below the "
                + "largest stable one: near the edge of stability but not at it; the largest stable rates still train, "
                + "but their early loss spikes cost more than their larger steps gain. ", ratio));
      }
    } else {
      a.append("No rate in the sweep diverged; larger rates are needed to find the edge. ");
    }
    a.append("Search strategy: a coarse sweep in factors of about 3 from well below to above the point of divergence "
        + "(diverged runs stop early and cost little), then the best rate refined between its neighbours; at the "
        + "larger scales, the same sweep on short runs predicts the best rate of long ones well, since the best "
        + "rate changes little with the number of steps.");
    if (best != null && runs.scale() != Scale.TINY) {
      double target = runs.scale() == Scale.GPU ? 1.45 : 2.0;
      a.append(String.format(Locale.ROOT, " The handout's target for this setting is a validation loss of at most "
          + "%.2f; the best run %s it (%.4f).", target, best.valLoss() <= target ? "meets" : "does not meet", best.valLoss()));
    }
    report.text(a.toString());
  }
}
