package cs336.experiments.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What the terminal shows while training: a progress bar on stderr (steps, elapsed time, ETA, and
 * the latest losses), or, without one ({@code --no-progress}, tests, logs), one printed line per
 * metrics line.
 */
final class TrainProgress implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream out;

  /** {@code maxSteps} -1 when not known yet (see {@link #setMax}). */
  TrainProgress(boolean enabled, long startStep, long maxSteps, PrintStream out) {
    this.out = out;
    this.bar = !enabled ? null : new ProgressBarBuilder()
        .setTaskName("train")
        .setInitialMax(maxSteps)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .startsFrom(startStep, Duration.ZERO)
        .setUnit(" steps", 1)
        .showSpeed()
        .build();
  }

  void setMax(long maxSteps) {
    if (bar != null) bar.maxHint(maxSteps);
  }

  /** After each step. */
  void step(long step) {
    if (bar != null) bar.stepTo(step);
  }

  /** After each metrics line. */
  void line(long step, Long maxSteps, double trainLoss, Double valLoss, double lr, double tokensPerS) {
    String losses = String.format(Locale.ROOT, "loss %.4f%s", trainLoss, valLoss == null ? "" : String.format(Locale.ROOT, " val %.4f", valLoss));
    if (bar != null) {
      bar.setExtraMessage(" " + losses);
    } else {
      out.printf(Locale.ROOT, "step %d%s  %s  lr %.3g  %.0f tok/s%n", step, maxSteps == null ? "" : "/" + maxSteps,
          losses, lr, tokensPerS);
    }
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }
}
