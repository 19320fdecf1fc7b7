package cs336.experiments.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training loop's own counters, beyond the model, the optimizer and the sampler: what a
 * checkpoint must also hold for a resumed run to write exactly the metrics an uninterrupted one
 * would (the running sums of the current logging interval, the lowest interval loss the divergence
 * check compares with, the lowest validation loss, the clock). Saved as checkpoint {@code extra.*}
 * strings; doubles are written with {@link Double#toString}, which reads back to the same bits.
 */
final class RunState {
  long iteration;
  /** Sum and count of the training losses since the last metrics line. */
  double lossSum;
  long lossCount;
  /** Lowest mean training loss of a logging interval so far (+inf before the first). */
  double lowestLoss = Double.POSITIVE_INFINITY;
  /** Lowest validation loss so far (+inf before the first), the one best.safetensors holds. */
  double bestValLoss = Double.POSITIVE_INFINITY;
  /** Training seconds before this process started (from the checkpoint). */
  double secondsBefore;
  /** Step and training seconds of the last metrics line, for its throughput. */
  long lineStep;
  double lineSeconds;

  /** The counters as checkpoint extras, with the training {@code seconds} so far. */
  Map<String, String> toExtra(double seconds) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("seconds", Double.toString(seconds));
    m.put("loss_sum", Double.toString(lossSum));
    m.put("loss_count", Long.toString(lossCount));
    m.put("lowest_loss", Double.toString(lowestLoss));
    m.put("best_val_loss", Double.toString(bestValLoss));
    m.put("line_step", Long.toString(lineStep));
    m.put("line_seconds", Double.toString(lineSeconds));
    return m;
  }

  /** The counters saved with a checkpoint at {@code iteration}. */
  static RunState fromExtra(long iteration, Map<String, String> extra, String where) {
    RunState s = new RunState();
    s.iteration = iteration;
    try {
      s.lossSum = Double.parseDouble(require(extra, "loss_sum", where));
      s.lossCount = Long.parseLong(require(extra, "loss_count", where));
      s.lowestLoss = Double.parseDouble(require(extra, "lowest_loss", where));
      // absent from checkpoints written before best.safetensors existed: no best yet
      s.bestValLoss = Double.parseDouble(extra.getOrDefault("best_val_loss", "Infinity"));
      s.lineStep = Long.parseLong(require(extra, "line_step", where));
      s.lineSeconds = Double.parseDouble(require(extra, "line_seconds", where));
      s.secondsBefore = Double.parseDouble(require(extra, "seconds", where));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " has an unreadable training counter: " + e.getMessage());
    }
    return s;
  }

  private static String require(Map<String, String> extra, String key, String where) {
    String v = extra.get(key);
    if (v == null) throw new IllegalArgumentException(where + " lacks the training counter '" + key
        + "' (was it written by ./cs336 train?)");
    return v;
  }
}
