package cs336.experiments.cli;

import cs336.bpe.BpeTrainer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar per phase on stderr (or none, with {@code --no-progress}); also the listener the
 * BPE trainer reports to. Phases counted in bytes are shown in MB. Safe to update from several threads.
 */
final class Progress implements BpeTrainer.Listener, AutoCloseable {
  private final boolean enabled;
  private ProgressBar bar;

  Progress(boolean enabled) {
    this.enabled = enabled;
  }

  /** Starts a bar for a phase measured in bytes. */
  synchronized void bytes(String name, long total) {
    start(name, total, "MB", 1_000_000);
  }

  @Override
  public synchronized void phase(String name, long total) {
    if (name.contains("merge")) start(name, total, "", 1);
    else bytes(name, total);
  }

  private void start(String name, long total, String unit, long unitSize) {
    close();
    if (!enabled) return;
    bar = new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(total)
        .setUnit(unit, unitSize)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  @Override
  public synchronized void progress(long done) {
    if (bar != null) bar.stepTo(done);
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
