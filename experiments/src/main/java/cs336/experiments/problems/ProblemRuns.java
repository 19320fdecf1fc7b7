package cs336.experiments.problems;

import cs336.bpe.Tokenizer;
import cs336.experiments.accounting.ModelShape;
import cs336.experiments.accounting.TransformerCosts;
import cs336.experiments.cli.TrainCommand;
import cs336.experiments.data.PreparedData;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.metrics.MetricsReader;
import cs336.experiments.metrics.RunMetrics;
import cs336.experiments.metrics.RunSummary;
import cs336.experiments.plot.LossCurves;
import cs336.experiments.train.CheckpointFiles;
import cs336.experiments.train.Scale;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainConfigs;
import cs336.experiments.train.TrainResult;
import cs336.experiments.train.Trainer;
import cs336.nn.layers.TransformerLM;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training runs of one problem: the scale's base config on the prepared data, variants of it,
 * and training each into {@code runs/<problem_id>/<run>/}, reusing a run that already finished with
 * the same config and resuming one that was interrupted.
 */
final class ProblemRuns {
  /** Thrown when a run was stopped by Ctrl-C: the problem stops too, without a report. */
  static final class Interrupted extends RuntimeException {
    Interrupted(String run) {
      super(run + " was interrupted");
    }
  }

  private final Path dir;
  private final Scale scale;
  private final PreparedData data;
  private final TrainConfig base;
  private final boolean fresh;
  private final boolean progress;

  private ProblemRuns(Path dir, Scale scale, PreparedData data, TrainConfig base, boolean fresh, boolean progress) {
    this.dir = dir;
    this.scale = scale;
    this.data = data;
    this.base = base;
    this.fresh = fresh;
    this.progress = progress;
  }

  /** The same runs, kept in {@code otherDir} (a run shared between problems lives in one of them). */
  ProblemRuns in(Path otherDir) {
    return new ProblemRuns(otherDir, scale, data, base, fresh, progress);
  }

  ProblemRuns(Path dir, Scale scale, PreparedData data, int threads, Long maxIters, Double maxMinutes, boolean fresh,
      boolean progress) throws IOException {
    this.dir = dir;
    this.scale = scale;
    this.data = data;
    this.fresh = fresh;
    this.progress = progress;
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("train_data", data.trainFile().toString());
    set.put("valid_data", data.validFile().toString());
    set.put("tokenizer", data.tokenizerDir().toString());
    set.put("vocab_size", data.vocabSize());
    set.put("threads", threads);
    if (maxIters != null) set.put("max_iters", maxIters);
    if (maxMinutes != null) set.put("max_minutes", maxMinutes);
    this.base = TrainConfigs.merge(scale, null, set);
  }

  /** The scale's settings on this problem's data (d_ff and the cosine cycle not yet derived). */
  TrainConfig base() {
    return base;
  }

  /** The base with {@code changes} (config keys to values). */
  TrainConfig with(Map<String, ?> changes) {
    return TrainConfigs.with(base, changes);
  }

  Scale scale() {
    return scale;
  }

  PreparedData data() {
    return data;
  }

  Path dir() {
    return dir;
  }

  /**
   * Trains {@code config} as run {@code name}, or reuses/resumes it (see the class comment).
   * Throws {@link Interrupted} when Ctrl-C stopped it.
   */
  TrainResult train(String name, TrainConfig config) throws IOException {
    TrainConfig want = config.resolved(null);
    Path runDir = dir.resolve(name);
    if (!fresh && Files.isRegularFile(runDir.resolve(TrainConfigs.FILE_NAME))) {
      TrainConfig saved = TrainConfigs.read(runDir);
      if (TrainConfigs.sameRun(want, saved)) {
        if (Files.isRegularFile(runDir.resolve(RunSummary.FILE_NAME))) {
          TrainResult r = TrainResult.load(runDir);
          if (r.status() != TrainResult.Status.INTERRUPTED) {
            System.out.println("reusing " + runDir + " (" + r.status().label() + " at step " + r.steps()
                + " with this config; --fresh retrains it)");
            return r;
          }
        }
        if (CheckpointFiles.latest(runDir) != null) return checked(name, Trainer.train(saved, options(runDir, true)));
      }
    }
    TrainCommand.prepareFreshDir(runDir, true);
    return checked(name, Trainer.train(want, options(runDir, false)));
  }

  private Trainer.Options options(Path runDir, boolean resume) {
    return new Trainer.Options(runDir, resume, progress, System.out);
  }

  private static TrainResult checked(String name, TrainResult r) {
    if (r.status() == TrainResult.Status.INTERRUPTED) throw new Interrupted(name);
    return r;
  }

  /** Learning curves of {@code runs} in {@code runs/<problem_id>/<file>}; returns the file name for the report. */
  String plot(String file, String title, List<TrainResult> runs) throws IOException {
    List<RunMetrics> metrics = new ArrayList<>();
    for (TrainResult r : runs) {
      if (Files.isRegularFile(r.runDir().resolve("metrics.jsonl"))) metrics.add(MetricsReader.read(r.runDir()));
    }
    LossCurves.write(metrics, dir.resolve(file), title);
    return file;
  }

  /** The model of a run at its lowest validation loss (its final one when it kept no best). */
  TransformerLM bestModel(TrainResult r) throws IOException {
    if (r.bestCheckpoint() == null) throw new IllegalStateException(r.runDir() + " has no checkpoint to load");
    return TextGenerator.load(r.bestCheckpoint(), Trainer.openDevice(r.config().device(), r.config().dtype()));
  }

  Tokenizer tokenizer() throws IOException {
    return TextGenerator.tokenizer(data.tokenizerDir());
  }

  /** The trainable parameters of a config's model (derived settings filled in). */
  static long parameters(TrainConfig config) {
    return TransformerCosts.parameterCount(ModelShape.of("model", config.resolved(null).model()));
  }

  // ---- report helpers ----

  /** "2.9405" or "-" for NaN. */
  static String loss(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
  }

  /** How a run ended, for tables: "finished", "diverged at step 10", ... */
  static String ending(TrainResult r) {
    return switch (r.status()) {
      case DIVERGED -> "**diverged** at step " + r.steps();
      case TIME_LIMIT -> "time budget, step " + r.steps();
      default -> r.status().label();
    };
  }

  /** The common columns of a run table: steps, tokens, final validation loss, how it ended, time. */
  static List<String> columns() {
    return List.of("steps", "tokens", "val loss", "ended", "time");
  }

  static List<String> cells(TrainResult r) {
    return List.of(Numbers.count(r.steps()), Numbers.words(r.tokens()), loss(r.valLoss()), ending(r),
        String.format(Locale.ROOT, "%.0f s", r.seconds()));
  }

  /** A table row: the leading cells, then {@link #cells}. */
  static List<String> row(List<String> lead, TrainResult r) {
    List<String> row = new ArrayList<>(lead);
    row.addAll(cells(r));
    return row;
  }
}
