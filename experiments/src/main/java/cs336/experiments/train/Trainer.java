package cs336.experiments.train;

import cs336.engine.Device;
import cs336.engine.Parallel;
import cs336.engine.cuda.CudaDevice;
import cs336.engine.cuda.Precision;
import cs336.experiments.metrics.MetricsEntry;
import cs336.experiments.metrics.MetricsLog;
import cs336.experiments.metrics.MetricsReader;
import cs336.experiments.metrics.RunMetrics;
import cs336.experiments.metrics.RunSummary;
import cs336.experiments.plot.LossCurves;
import cs336.experiments.train.TrainResult.Status;
import cs336.nn.Rng;
import cs336.nn.checkpoint.Checkpoint;
import cs336.nn.data.Batches;
import cs336.nn.data.TokenDataset;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.CosineSchedule;
import cs336.nn.optim.TrainingStep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The training loop of {@code ./cs336 train} and of every training experiment (handout section
 * 5.3): sample a batch, take a {@link TrainingStep} at the scheduled learning rate, log, validate,
 * checkpoint; until max_iters, the time budget, Ctrl-C or divergence.
 *
 * <pre>{@code
 * TrainResult r = Trainer.train(config.resolved(null), new Trainer.Options(Path.of("runs/x"), false, true, System.out));
 * }</pre>
 *
 * <p>A run directory holds {@code config.json} (the resolved config), {@code metrics.jsonl} (one line
 * every log_every steps and at every validation), {@code checkpoints/step_<n>.safetensors} (the
 * last keep_checkpoints, every checkpoint_every steps and at the end), {@code checkpoints/best.safetensors}
 * (the weights of the lowest validation loss so far), {@code summary.json} and
 * {@code curves.png} (written when the run stops, however it stops).
 *
 * <h2>Resuming repeats the same numbers</h2>
 * A checkpoint holds the model, AdamW's moments and step count, the batch sampler's random state
 * and the loop's own counters ({@link RunState}); the validation batches are fixed and the
 * learning rate is a function of the step. So a run resumed from step s draws the same batches
 * and computes the same losses, bit for bit, as one that never stopped, provided the kernels are
 * deterministic at the same thread count (the engine's are: fixed chunking, fixed summation
 * order). An interrupted run therefore writes no extra metrics line: the resumed run writes the
 * next one exactly where the uninterrupted run would.
 */
public final class Trainer {

  /**
   * Where and how to run.
   *
   * @param runDir the run's directory (created when missing)
   * @param resume continue from the latest checkpoint in runDir (starts from step 0 when there is none)
   * @param progress show a progress bar on stderr rather than printing a line per metrics line
   * @param out where messages go (the resolved config, lines, the final message)
   */
  public record Options(Path runDir, boolean resume, boolean progress, PrintStream out) {}

  private TrainConfig config;
  private final Options options;
  private final Path dir;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  private TransformerLM model;
  private AdamW optimizer;
  private Rng rng;
  private RunState state = new RunState();
  private Path lastCheckpoint;
  private long lastCheckpointStep = -1;
  private long lastValStep = -1;
  private double lastLr = Double.NaN;
  private double lastGradNorm = Double.NaN;
  private double lastLineLoss = Double.NaN;
  private double lastValLoss = Double.NaN;
  private MetricsLog log;
  private TrainProgress progress;

  private Trainer(TrainConfig config, Options options) {
    this.config = config;
    this.options = options;
    this.dir = options.runDir();
    this.out = options.out();
  }

  /** Trains {@code config} (resolved: vocab_size and d_ff set) in {@code options.runDir()}. */
  public static TrainResult train(TrainConfig config, Options options) throws IOException {
    return new Trainer(config, options).run();
  }

  /** The device named by the config, with its matmul precision set (CUDA only has a choice). */
  public static Device openDevice(String name, String dtype) {
    Device d = Device.named(name);
    if (d instanceof CudaDevice gpu) gpu.setPrecision(Precision.parse(dtype));
    return d;
  }

  // ---- setup ----

  private TrainResult run() throws IOException {
    config.validate();
    Parallel.setThreads(config.threads());
    Device device = openDevice(config.device(), config.dtype());
    TokenDataset train = TokenDataset.open(Path.of(config.trainData()), config.rawDtype());
    TokenDataset valid = TokenDataset.open(Path.of(config.validData()), config.rawDtype());
    if (train.size() < config.contextLength() + 1) {
      throw new IllegalArgumentException("training data " + train + " is shorter than one window of "
          + (config.contextLength() + 1) + " tokens");
    }
    model = TransformerLM.on(device, config.model(), config.seed());
    optimizer = new AdamW(model, config.adamw());
    TrainingStep step = new TrainingStep(model, optimizer, config.maxGradNorm());
    rng = new Rng(config.seed() + 1);                 // the sampler's own stream (the model used seed)
    Files.createDirectories(dir);
    if (options.resume()) restore();
    TrainConfigs.write(dir, config);
    out.println("training " + dir + " on " + device.name() + " with " + config.threads() + " thread(s): "
        + String.format(Locale.ROOT, "%,d parameters", model.arena().size()) + ", config (saved to "
        + dir.resolve(TrainConfigs.FILE_NAME) + "):");
    out.println(TrainConfigs.toJson(config));
    Validation validation = Validation.of(valid, config.evalBatches(), config.batchSize(), config.contextLength(), device);
    try (MetricsLog metrics = MetricsLog.open(dir);
         StopSignal stop = StopSignal.install();
         TrainProgress bar = new TrainProgress(options.progress(), state.iteration,
             config.maxIters() == null ? -1 : config.maxIters(), out)) {
      this.log = metrics;
      this.progress = bar;
      return loop(step, train, device, validation, stop);
    }
  }

  /** Continues from the latest checkpoint, if there is one. */
  private void restore() throws IOException {
    Checkpoint c = CheckpointFiles.readLatest(dir, out);
    if (c == null) {
      out.println("no checkpoint in " + dir.resolve(CheckpointFiles.DIR) + " yet: starting from step 0");
      return;
    }
    c.restore(model, optimizer);
    rng.setState(c.rngState());
    state = RunState.fromExtra(c.iteration(), c.extra(), "checkpoint " + c.file());
    lastCheckpoint = c.file();
    lastCheckpointStep = c.iteration();
    out.println("resuming " + dir + " from " + c.file() + " (step " + c.iteration() + ")");
  }

  // ---- the loop ----

  private TrainResult loop(TrainingStep step, TokenDataset train, Device device, Validation validation,
      StopSignal stop) throws IOException {
    boolean calibrating = config.maxIters() == null;
    long calibrationStart = 0;
    CosineSchedule schedule = config.schedule();
    int vocab = config.vocabSize();
    while (true) {
      Long maxIters = config.maxIters();
      if (maxIters != null && state.iteration >= maxIters) return end(Status.FINISHED, validation);
      if (stop.requested()) return interrupted(calibrating);
      if (config.maxMinutes() != null && processSeconds() >= 60 * config.maxMinutes()) {
        return end(Status.TIME_LIMIT, validation);
      }

      double lr = schedule.at(state.iteration);
      TrainingStep.Result r = step.run(
          Batches.getBatch(train, config.batchSize(), config.contextLength(), rng, device), lr);
      state.iteration++;
      lastLr = lr;
      lastGradNorm = r.gradNorm();
      state.lossSum += r.loss();
      state.lossCount++;
      progress.step(state.iteration);
      if (!Float.isFinite(r.loss())) {
        writeLine(null);
        return diverged("the loss is " + r.loss() + " at step " + state.iteration);
      }

      if (calibrating && state.iteration == Calibration.timedFrom(config.warmupIters())) calibrationStart = System.nanoTime();
      if (calibrating && state.iteration == config.warmupIters()) {
        long timed = config.warmupIters() - Calibration.timedFrom(config.warmupIters());
        calibrate((System.nanoTime() - calibrationStart) / 1e9 / timed);
        calibrating = false;
        schedule = config.schedule();
      }

      boolean last = config.maxIters() != null && state.iteration >= config.maxIters();
      boolean validate = state.iteration % config.evalEvery() == 0 || last;
      if (validate || state.iteration % config.logEvery() == 0) {
        double mean = writeLine(validate ? validation.loss(model) : null);
        String why = Divergence.check(mean, state.lowestLoss, vocab, config.divergeFactor());
        if (why == null && validate) why = Divergence.check(lastValLoss, Double.POSITIVE_INFINITY, vocab, 0);
        if (why != null) return diverged(why + " at step " + state.iteration);
        state.lowestLoss = Math.min(state.lowestLoss, mean);
        if (validate) keepIfBest(lastValLoss);                  // only weights that passed the check
      }
      if (!calibrating && !last && state.iteration % config.checkpointEvery() == 0) save();
    }
  }

  /** Sets max_iters from the measured step time and the budget (see {@link Calibration}). */
  private void calibrate(double secondsPerStep) throws IOException {
    long steps = Calibration.maxIters(state.iteration, processSeconds(), 60 * config.maxMinutes(), secondsPerStep,
        config.evalEvery(), config.evalBatches());
    config = config.withMaxIters(Math.max(state.iteration, steps));
    TrainConfigs.write(dir, config);
    progress.setMax(config.maxIters());
    out.printf(Locale.ROOT, "%s%.3f s per step over steps %d-%d: max_iters %,d fits max_minutes %.2f (saved to %s)%n",
        options.progress() ? "\n" : "",
        secondsPerStep, Calibration.timedFrom(config.warmupIters()) + 1, config.warmupIters(), config.maxIters(),
        config.maxMinutes(), dir.resolve(TrainConfigs.FILE_NAME));
  }

  /** Appends a metrics line for the interval since the previous one; returns its mean training loss. */
  private double writeLine(Double valLoss) throws IOException {
    double seconds = seconds();
    double mean = state.lossCount > 0 ? state.lossSum / state.lossCount : lastLineLoss;
    long tokensPerStep = config.tokensPerStep();
    double tokensPerS = (state.iteration - state.lineStep) * tokensPerStep / Math.max(1e-9, seconds - state.lineSeconds);
    log.append(new MetricsEntry(state.iteration, state.iteration * tokensPerStep, seconds, mean, valLoss, lastLr,
        lastGradNorm, tokensPerS));
    progress.line(state.iteration, config.maxIters(), mean, valLoss, lastLr, tokensPerS);
    state.lossSum = 0;
    state.lossCount = 0;
    state.lineStep = state.iteration;
    state.lineSeconds = seconds;
    lastLineLoss = mean;
    if (valLoss != null) {
      lastValLoss = valLoss;
      lastValStep = state.iteration;
    }
    return mean;
  }

  /** Rewrites checkpoints/best.safetensors when {@code valLoss} is the lowest validation loss so far. */
  private void keepIfBest(double valLoss) throws IOException {
    if (!(valLoss < state.bestValLoss)) return;                // NaN never counts as better
    state.bestValLoss = valLoss;
    write(CheckpointFiles.best(dir));
  }

  // ---- how it ends ----

  /** max_iters reached or the time budget spent: validate (unless just done), checkpoint, summarise. */
  private TrainResult end(Status status, Validation validation) throws IOException {
    if (lastValStep != state.iteration && state.iteration > 0) {
      writeLine(validation.loss(model));
      keepIfBest(lastValLoss);
    }
    if (lastCheckpointStep != state.iteration) save();
    String what = status == Status.FINISHED
        ? String.format(Locale.ROOT, "finished %,d steps", state.iteration)
        : String.format(Locale.ROOT, "stopped by max_minutes %s after %,d of %,d steps (--resume with a larger "
            + "--max-minutes continues)", config.maxMinutes(), state.iteration, config.maxIters());
    return finish(status, String.format(Locale.ROOT, "%s in %s: validation loss %.4f, training loss %.4f; checkpoint %s",
        what, clock(seconds()), lastValLoss, lastLineLoss, lastCheckpoint));
  }

  private TrainResult interrupted(boolean calibrating) throws IOException {
    if (calibrating) {
      return finish(Status.INTERRUPTED, "interrupted at step " + state.iteration
          + " while timing the first steps: no checkpoint written (--resume starts over)");
    }
    if (lastCheckpointStep != state.iteration) save();
    return finish(Status.INTERRUPTED, "interrupted at step " + state.iteration + ": checkpoint " + lastCheckpoint
        + " written; --resume continues from it");
  }

  /** Stops without a checkpoint: the weights are no longer good. The earlier checkpoints stay. */
  private TrainResult diverged(String why) throws IOException {
    return finish(Status.DIVERGED, "diverged: " + why + ". "
        + (lastCheckpoint == null ? "No checkpoint was written before it."
            : "The last good checkpoint is " + lastCheckpoint + " (step " + lastCheckpointStep + ").")
        + " Try a lower --lr (it was " + config.lr() + ") or a longer --warmup-iters.");
  }

  /** Writes summary.json and curves.png and builds the result. */
  private TrainResult finish(Status status, String message) throws IOException {
    double seconds = seconds();
    RunMetrics metrics = Files.exists(dir.resolve(MetricsLog.FILE_NAME)) && Files.size(dir.resolve(MetricsLog.FILE_NAME)) > 0
        ? MetricsReader.read(dir) : null;
    RunSummary summary = metrics != null ? RunSummary.of(metrics, status.label())
        : new RunSummary(dir.getFileName().toString(), status.label(), state.iteration,
            state.iteration * config.tokensPerStep(), seconds, Double.NaN, null, null, null, 0);
    summary.write(dir);
    progress.close();
    out.println(message);
    // Not while the JVM shuts down (Ctrl-C): AWT cannot start then. `./cs336 plot` draws any run.
    if (metrics != null && status != Status.INTERRUPTED) {
      try {
        LossCurves.write(List.of(metrics), dir.resolve("curves.png"), dir.getFileName().toString());
      } catch (IllegalArgumentException noFiniteLoss) {
        // a run that diverged at once has nothing to draw
      }
    }
    return new TrainResult(dir, config, status, state.iteration, lastLineLoss, lastValLoss, seconds, lastCheckpoint,
        message);
  }

  private void save() throws IOException {
    Path file = CheckpointFiles.file(dir, state.iteration);
    write(file);
    CheckpointFiles.prune(dir, config.keepCheckpoints());
    lastCheckpoint = file;
    lastCheckpointStep = state.iteration;
  }

  /** Writes a whole checkpoint (model, optimizer, sampler, counters) to {@code file}, atomically. */
  private void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Checkpoint.save(file, model, optimizer, state.iteration, rng.state(), state.toExtra(seconds()));
  }

  // ---- clocks ----

  /** Seconds since this process started the run. */
  private double processSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Training seconds in all, earlier processes of a resumed run included. */
  private double seconds() {
    return state.secondsBefore + processSeconds();
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? String.format(Locale.ROOT, "%.1f s", seconds)
        : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
        : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
