package cs336.experiments.train;

import cs336.experiments.metrics.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a training run ended.
 *
 * @param runDir the run's directory ({@code metrics.jsonl}, {@code summary.json}, {@code config.json},
 *     {@code checkpoints/})
 * @param config the resolved config it ran with (max_iters filled in)
 * @param status how it ended
 * @param steps optimizer steps taken in all
 * @param trainLoss the last logged training loss (NaN before the first line)
 * @param valLoss the last validation loss (NaN when none was measured)
 * @param seconds training seconds in all (resumed runs included)
 * @param checkpoint the latest good checkpoint (null when none was written)
 * @param message one line for the terminal: what happened and what to do next
 */
public record TrainResult(Path runDir, TrainConfig config, Status status, long steps, double trainLoss, double valLoss,
    double seconds, Path checkpoint, String message) {

  /** How a run ended; {@link #label()} is what summary.json says. */
  public enum Status {
    /** It took max_iters steps. */
    FINISHED,
    /** max_minutes ran out first. */
    TIME_LIMIT,
    /** Ctrl-C or SIGTERM: a checkpoint was written, --resume continues. */
    INTERRUPTED,
    /** The loss became NaN/inf or ran away; the last good checkpoint is kept. */
    DIVERGED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status written as {@code label}, as read back from a summary. */
    public static Status of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** A run that ended earlier, read back from its directory (config.json, summary.json, checkpoints). */
  public static TrainResult load(Path runDir) throws IOException {
    TrainConfig config = TrainConfigs.read(runDir);
    RunSummary s = RunSummary.read(runDir);
    Status status = Status.of(s.status());
    return new TrainResult(runDir, config, status, s.steps(), s.trainLoss(), s.valLoss() == null ? Double.NaN : s.valLoss(),
        s.seconds(), CheckpointFiles.latest(runDir), "read back from " + runDir + " (" + status.label() + ")");
  }

  /**
   * The checkpoint of the lowest validation loss ({@link CheckpointFiles#best}), or the latest one
   * when the run has no best file: the model to use when the run overfitted towards its end.
   */
  public Path bestCheckpoint() {
    Path best = CheckpointFiles.best(runDir);
    return Files.isRegularFile(best) ? best : checkpoint;
  }

  /** Tokens seen. */
  public long tokens() {
    return steps * config.tokensPerStep();
  }
}
