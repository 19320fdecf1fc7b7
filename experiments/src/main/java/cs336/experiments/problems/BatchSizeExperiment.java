package cs336.experiments.problems;

import cs336.experiments.train.Scale;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainResult;
import cs336.experiments.util.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code batch_size_experiment}: batch sizes from tiny to large, each run seeing the
 * same number of tokens (or, at the cpu scale, the same wall-clock time), with the learning rate
 * scaled by the square root of the batch size; throughput and final loss compared.
 */
@Command(name = BatchSizeExperiment.ID, mixinStandardHelpOptions = true,
    description = "Batch sizes from 1 up: throughput and loss at the same tokens (or time).")
public final class BatchSizeExperiment extends LmProblem {
  static final String ID = "batch_size_experiment";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "the batch size";
  }

  static int[] batchSizes(Scale scale) {
    return switch (scale) {
      case TINY -> new int[] {2, 8, 32};
      case CPU -> new int[] {1, 8, 32, 128};
      case GPU -> new int[] {1, 8, 32, 64, 128, 256};
    };
  }

  @Override
  void answer(ProblemRuns runs, Report report) throws Exception {
    TrainConfig base = runs.base();
    boolean byTime = base.maxIters() == null;
    List<TrainResult> results = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (int b : batchSizes(runs.scale())) {
      double ratio = (double) b / base.batchSize();
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("batch_size", b);
      set.put("lr", base.lr() * Math.sqrt(ratio));
      set.put("min_lr", base.minLr() * Math.sqrt(ratio));
      set.put("warmup_iters", Math.max(10, Math.round(base.warmupIters() / ratio)));
      set.put("eval_every", Math.max(1, Math.round(base.evalEvery() / ratio)));
      set.put("log_every", Math.max(1, Math.round(base.logEvery() / ratio)));
      set.put("checkpoint_every", Math.max(1, Math.round(base.checkpointEvery() / ratio)));
      if (!byTime) set.put("max_iters", Math.max(1, Math.round(base.maxIters() / ratio)));
      TrainResult r = runs.train("batch-" + b, runs.with(set));
      results.add(r);
      rows.add(ProblemRuns.row(List.of(String.valueOf(b), String.format(Locale.ROOT, "%.3g", r.config().lr()),
          String.format(Locale.ROOT, "%,.0f", r.tokens() / Math.max(1e-9, r.seconds()))), r));
    }
    report.section("Runs");
    report.text(String.format(Locale.ROOT, "Each batch size trains on the same %s, with the learning rate scaled by "
            + "sqrt(batch / %d) from the base %.3g (the square-root rule for Adam: the gradient noise falls as 1/sqrt(batch)), "
            + "and warmup, validation and logging intervals scaled to the same token counts.",
        byTime ? "wall-clock budget" : "number of tokens", base.batchSize(), base.lr()));
    List<String> header = new ArrayList<>(List.of("batch", "peak lr", "tokens/s"));
    header.addAll(ProblemRuns.columns());
    report.table(header, rows);
    report.image("learning curves by batch size", runs.plot("curves.png", "batch size", results));

    TrainResult best = null;
    for (TrainResult r : results) {
      if (r.status() != TrainResult.Status.DIVERGED && (best == null || r.valLoss() < best.valLoss())) best = r;
    }
    TrainResult small = results.getFirst(), large = results.getLast();
    double speedup = (large.tokens() / large.seconds()) / (small.tokens() / small.seconds());
    report.section("Answer");
    report.text(String.format(Locale.ROOT, "Throughput grows with the batch: %,.0f tokens/s at batch %d against %,.0f "
            + "at batch %d (x%.1f), because a larger batch turns the same work into fewer, larger matrix multiplies "
            + "that keep the cores busy, and pays the per-step costs (the AdamW update of every parameter, the "
            + "gradient norm) once per more tokens. %s"
            + "Small batches take many noisy steps; large ones few accurate ones: at a fixed budget of %s the loss is "
            + "best in between, where the batch is large enough to use the hardware and still leaves enough steps.",
        large.tokens() / large.seconds(), large.config().batchSize(), small.tokens() / small.seconds(),
        small.config().batchSize(), speedup,
        best == null ? "Every run diverged. "
            : String.format(Locale.ROOT, "The lowest validation loss, %.4f, came from batch %d. ", best.valLoss(),
                best.config().batchSize()),
        byTime ? "time" : "tokens"));
  }
}
