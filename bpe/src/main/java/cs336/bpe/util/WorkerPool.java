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
 * A fixed number of platform threads that run numbered tasks {@code 0..n-1}; each task is told which
 * worker ({@code 0..threads-1}) runs it, so callers can keep state per worker (a counting table, a
 * buffer, an encoder with its cache) across tasks and across {@link #run} calls. Which worker runs
 * which task varies from run to run, so callers make results independent of it: per-task outputs are
 * kept by task number, and per-worker states are combined with order-independent operations (sums).
 */
public final class WorkerPool implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor; // null when threads == 1: tasks run on the caller's thread

  public WorkerPool(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    this.threads = threads;
    this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "bpe-worker");
      th.setDaemon(true);
      return th;
    });
  }

  public int threads() {
    return threads;
  }

  /** Default thread count: the cores this JVM may use. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** One task: its number and the worker that runs it. */
  @FunctionalInterface
  public interface Task {
    void run(int task, int worker) throws IOException;
  }

  /** Runs tasks {@code 0..tasks-1}; an exception in one stops the others and is rethrown here. */
  public void run(int tasks, Task body) throws IOException {
    if (executor == null || tasks <= 1) {
      for (int t = 0; t < tasks; t++) body.run(t, 0);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < Math.min(threads, tasks); w++) {
      int worker = w;
      futures.add(executor.submit(() -> {
        for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) body.run(t, worker);
        return null;
      }));
    }
    for (Future<?> f : futures) await(f, next, tasks);
  }

  /**
   * Starts one task and returns its future (on a one-thread pool, runs it at once). For pipelines
   * that keep a bounded number of tasks in flight and consume their results in order.
   */
  public <T> java.util.concurrent.Future<T> submit(java.util.concurrent.Callable<T> task) {
    if (executor != null) return executor.submit(task);
    java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(task);
    f.run();
    return f;
  }

  /** The result of a task started with {@link #submit}, with its exception unwrapped as {@link #run} does. */
  public static <T> T await(java.util.concurrent.Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /** Per-worker state for {@link #run}: one {@code S} per worker, created on first use. */
  @FunctionalInterface
  public interface StateTask<S> {
    void run(int task, S state) throws IOException;
  }

  /**
   * Runs tasks {@code 0..tasks-1} on a temporary pool of {@code threads} threads, each worker with a
   * state of its own from {@code newState}, and returns the states of the workers that ran.
   */
  public static <S> List<S> run(int threads, int tasks, Supplier<S> newState, StateTask<S> body) throws IOException {
    List<S> states = new ArrayList<>();
    for (int w = 0; w < threads; w++) states.add(null);
    try (WorkerPool pool = new WorkerPool(threads)) {
      pool.run(tasks, (task, worker) -> {
        S s = states.get(worker);
        if (s == null) states.set(worker, s = newState.get());
        body.run(task, s);
      });
    }
    List<S> used = new ArrayList<>();
    for (S s : states) if (s != null) used.add(s);
    return used;
  }

  private static void await(Future<?> f, AtomicInteger next, int tasks) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      next.set(tasks); // stop the other workers at their next task
      throw unwrap(e);
    }
  }

  /** The task's own exception: rethrown when unchecked, returned when it is an IOException. */
  private static IOException unwrap(ExecutionException e) {
    Throwable c = e.getCause();
    if (c instanceof IOException io) return io;
    if (c instanceof UncheckedIOException u) return u.getCause();
    if (c instanceof RuntimeException r) throw r;
    if (c instanceof Error err) throw err;
    throw new IllegalStateException(c);
  }

  @Override
  public void close() {
    if (executor != null) executor.shutdownNow();
  }
}
