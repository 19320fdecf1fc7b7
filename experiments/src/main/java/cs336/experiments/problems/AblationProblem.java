package cs336.experiments.problems;

import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainResult;
import cs336.experiments.util.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ablation (handout section 7.3): the base model against variants that change one thing, at
 * the same data, steps and seed; one table, one figure of learning curves, and the answer worded
 * from the measured numbers.
 */
abstract class AblationProblem extends LmProblem {

  /**
   * One run of the comparison.
   *
   * @param name the run's directory name
   * @param label what it is, for the table and the answer
   * @param changes its settings that differ from the base (config keys)
   */
  record Variant(String name, String label, Map<String, ?> changes) {}

  /** The runs, the baseline first. */
  abstract List<Variant> variants(ProblemRuns runs);

  /** The handout's question, restated. */
  abstract String question();

  /** The answer from the results (in the order of {@link #variants}). */
  abstract String answer(List<Variant> variants, List<TrainResult> results);

  @Override
  void answer(ProblemRuns runs, Report report) throws Exception {
    List<Variant> variants = variants(runs);
    List<TrainResult> results = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (Variant v : variants) {
      TrainConfig c = runs.with(v.changes());
      TrainResult r = runs.train(v.name(), c);
      results.add(r);
      rows.add(ProblemRuns.row(List.of("`" + v.name() + "`", v.label(), Numbers.count(ProblemRuns.parameters(c)),
          String.format(Locale.ROOT, "%.3g", c.lr())), r));
    }
    report.section("Question");
    report.text(question());
    report.section("Runs");
    List<String> header = new ArrayList<>(List.of("run", "what", "parameters", "lr"));
    header.addAll(ProblemRuns.columns());
    report.table(header, rows);
    report.image("learning curves", runs.plot("curves.png", id(), results));
    report.section("Answer");
    report.text(answer(variants, results));
  }

  /** "reached a validation loss of 3.0123, 0.0456 higher than the baseline's 2.9667" or "diverged at step 12". */
  static String outcome(TrainResult r, TrainResult baseline) {
    if (r.status() == TrainResult.Status.DIVERGED) {
      return "diverged at step " + r.steps() + " (the loss blew up and the run was stopped)";
    }
    double d = r.valLoss() - baseline.valLoss();
    return String.format(Locale.ROOT, "reached a validation loss of %.4f, %.4f %s than the baseline's %.4f", r.valLoss(),
        Math.abs(d), d > 0 ? "higher (worse)" : "lower (better)", baseline.valLoss());
  }

  /** Whether {@code r} did clearly worse than the baseline (diverged, or 0.02 nats higher). */
  static boolean worse(TrainResult r, TrainResult baseline) {
    return r.status() == TrainResult.Status.DIVERGED || r.valLoss() > baseline.valLoss() + 0.02;
  }
}
