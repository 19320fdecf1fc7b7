package cs336.experiments.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or {@code kill} (SIGTERM) during training: instead of dying mid-step, the run
 * finishes the step it is in, writes a checkpoint and its summary, and then the JVM exits.
 *
 * <p>Java turns those signals into its shutdown sequence, which runs the registered shutdown
 * hooks; the hook here raises {@link #requested()} and then waits until the training loop says it
 * is done ({@link #close()}), because the JVM halts as soon as its hooks return. A second Ctrl-C
 * does not cut the wait short (the JVM ignores signals once shutting down); {@code kill -9} does,
 * and leaves the previous checkpoint.
 */
final class StopSignal implements AutoCloseable {
  /** How long the hook waits for the loop: a slow step plus a checkpoint. */
  static final long WAIT_MINUTES = 10;

  private volatile boolean requested;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal() {
    hook = new Thread(() -> {
      requested = true;
      try {
        done.await(WAIT_MINUTES, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cs336-train-stop");
  }

  /** Registers the hook for one training run. */
  static StopSignal install() {
    StopSignal s = new StopSignal();
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** True once a stop was asked for. */
  boolean requested() {
    return requested;
  }

  /** The run has saved what it needs: the JVM may exit. Unregisters the hook when it has not run. */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running (or has run): it returns now that done is counted down
    }
  }
}
