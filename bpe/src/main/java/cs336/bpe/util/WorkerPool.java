package cs336.bpe.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fixed number of platform threads that run numbered tasks {@code 0..n-1}, each thread with state
 * of its own (a counting table, a buffer). Which thread runs which task varies from run to run, so
 * callers make their results independent of it: per-task outputs are kept by task number, and
 * per-worker states are combined with an order-independent operation (sums of counts).
 */
public final class WorkerPool {
  private WorkerPool() {}

  /** One task: reads the task number, reads and updates the worker's own state. */
  @FunctionalInterface
  public interface Task<S> {
    void run(int task, S state) throws IOException;
  }

  /** Default thread count: the cores this JVM may use. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs tasks {@code 0..tasks-1} on {@code threads} threads and returns the workers' states (one per
   * thread that was started). An exception in a task stops the others and is rethrown here.
   */
  public static <S> List<S> run(int threads, int tasks, Supplier<S> newState, Task<S> body) throws IOException {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    int n = Math.max(1, Math.min(threads, tasks));
    if (n == 1) {
      S s = newState.get();
      for (int t = 0; t < tasks; t++) body.run(t, s);
      return new ArrayList<>(List.of(s));
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService ex = Executors.newFixedThreadPool(n, r -> {
      Thread th = new Thread(r, "bpe-worker");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<S>> futures = new ArrayList<>();
      for (int w = 0; w < n; w++) {
        futures.add(ex.submit(() -> {
          S s = newState.get();
          for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) body.run(t, s);
          return s;
        }));
      }
      List<S> states = new ArrayList<>();
      for (Future<S> f : futures) states.add(await(f, next, tasks));
      return states;
    } finally {
      ex.shutdownNow();
    }
  }

  private static <S> S await(Future<S> f, AtomicInteger next, int tasks) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      next.set(tasks); // stop the other workers at their next task
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof UncheckedIOException u) throw u.getCause();
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new IllegalStateException(c);
    }
  }
}
