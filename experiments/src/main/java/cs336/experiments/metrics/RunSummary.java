package cs336.experiments.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import cs336.experiments.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code runs/<name>/summary.json}: a run's final numbers, written atomically when it ends.
 *
 * @param run the run's name
 * @param status how it ended: {@code finished}, {@code time_limit} (max_minutes ran out), {@code interrupted}
 *     (Ctrl-C) or {@code diverged}
 * @param steps optimizer steps taken
 * @param tokens training tokens seen
 * @param seconds wall-clock seconds of training
 * @param trainLoss the last logged training loss
 * @param valLoss the last measured validation loss, or null if none was measured
 * @param bestValLoss the lowest measured validation loss, or null
 * @param bestValStep the step where {@code bestValLoss} was measured, or null
 * @param tokensPerS average training throughput (tokens / seconds)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"run", "status", "steps", "tokens", "seconds", "train_loss", "val_loss",
    "best_val_loss", "best_val_step", "tokens_per_s"})
public record RunSummary(
    @JsonProperty(value = "run", required = true) String run,
    @JsonProperty(value = "status", required = true) String status,
    @JsonProperty(value = "steps", required = true) long steps,
    @JsonProperty(value = "tokens", required = true) long tokens,
    @JsonProperty(value = "seconds", required = true) double seconds,
    @JsonProperty(value = "train_loss", required = true) double trainLoss,
    @JsonProperty("val_loss") Double valLoss,
    @JsonProperty("best_val_loss") Double bestValLoss,
    @JsonProperty("best_val_step") Long bestValStep,
    @JsonProperty(value = "tokens_per_s", required = true) double tokensPerS) {

  /** The file name inside a run directory. */
  public static final String FILE_NAME = "summary.json";

  /** Summarises a run's metrics: last step's numbers, last and best validation loss, mean throughput. */
  public static RunSummary of(RunMetrics metrics, String status) {
    MetricsEntry last = metrics.last();
    List<MetricsEntry> val = metrics.validationEntries();
    Double valLoss = val.isEmpty() ? null : val.getLast().valLoss();
    MetricsEntry best = null;
    for (MetricsEntry e : val) {
      // NaN never counts as best: compare with < only.
      if (best == null || e.valLoss() < best.valLoss()) best = e;
    }
    double tokensPerS = last.seconds() > 0 ? last.tokens() / last.seconds() : 0.0;
    return new RunSummary(metrics.name(), status, last.step(), last.tokens(), last.seconds(), last.trainLoss(),
        valLoss, best == null ? null : best.valLoss(), best == null ? null : best.step(), tokensPerS);
  }

  /** Writes {@code runDir/summary.json} atomically (pretty-printed) and returns the file. */
  public Path write(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE_NAME);
    byte[] json = MetricsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    AtomicFiles.write(file, out -> {
      out.write(json);
      out.write('\n');
    });
    return file;
  }

  /** Reads {@code runDir/summary.json}. */
  public static RunSummary read(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw new IOException(runDir + " has no " + FILE_NAME + " (the run has not ended yet?)");
    }
    try {
      return MetricsJson.MAPPER.readValue(file.toFile(), RunSummary.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(file + ": not a run summary (" + e.getOriginalMessage() + ")");
    }
  }
}
