package cs336.experiments.cuda;

import cs336.engine.AllClose;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.io.HostArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one group of checks: each a name, pass or fail, the largest absolute difference
 * from the reference and, on failure, {@link AllClose}'s description. A check that throws is recorded
 * as failed with its exception, so one broken kernel does not hide the rest. Prints a line per check.
 */
final class CheckLog {
  record Result(String name, boolean passed, double maxAbsError, String problem) {}

  private final String group;
  private final List<Result> results = new ArrayList<>();

  CheckLog(String group) {
    this.group = group;
  }

  /** A piece of work that compares and records; may throw. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body}; an exception it throws becomes a failed check named {@code name}. */
  void run(String name, Body body) {
    int before = results.size();
    try {
      body.run();
    } catch (Exception | AssertionError | LinkageError e) {
      String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
      record(new Result(name, false, Double.NaN, msg));
      return;
    }
    if (results.size() == before) record(new Result(name, true, 0, null));
  }

  /** Compares {@code actual} (any device) against {@code expected} as numpy's assert_allclose. */
  void compare(String name, NDArray expected, NDArray actual, double atol, double rtol) {
    NDArray a = actual.to(CpuDevice.CPU), e = expected.to(CpuDevice.CPU);
    String problem = AllClose.compare(e, a, atol, rtol);
    record(new Result(name, problem == null, maxAbsDiff(e, a), problem));
  }

  /**
   * Compares host arrays as check.py does: the same dtype, then {@link #compare(String, NDArray,
   * NDArray, double, double)} (float64 values, the learning rates, are compared as float32: their
   * tolerance, rtol 1e-6, is well above float32's rounding). A null {@code actual} was not computed.
   */
  void compare(String name, HostArray expected, HostArray actual, double atol, double rtol) {
    if (actual == null) {
      check(name, false, "not computed");
    } else if (actual.dtype() != expected.dtype()) {
      check(name, false, "dtype " + actual.dtype() + ", expected " + expected.dtype());
    } else {
      compare(name, expected.toNDArray(), actual.toNDArray(), atol, rtol);
    }
  }

  /** Records a check decided elsewhere. */
  void check(String name, boolean passed, String problem) {
    record(new Result(name, passed, 0, passed ? null : problem));
  }

  /** The largest |expected - actual| (equal infinities count as 0); NaN when shapes differ or a NaN appears. */
  static double maxAbsDiff(NDArray e, NDArray a) {
    if (!java.util.Arrays.equals(e.shape(), a.shape())) return Double.NaN;
    if (e.numel() == 0) return 0;
    NDArray x = e.to(DType.FLOAT32), y = a.to(DType.FLOAT32);
    NDArray diff = NDArray.where(x.eq(y), NDArray.scalar(0f), x.sub(y).abs());
    return diff.max().item();
  }

  private void record(Result r) {
    results.add(r);
    System.out.printf(Locale.ROOT, "%-4s %-12s %-58s max|diff| %.3g%s%n", r.passed ? "ok" : "FAIL", group, r.name,
        r.maxAbsError, r.passed ? "" : "\n       " + String.valueOf(r.problem).replace("\n", "\n       "));
  }

  int passed() {
    return (int) results.stream().filter(Result::passed).count();
  }

  int failed() {
    return results.size() - passed();
  }

  /** For the JSON summary: counts and every check. */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passed", passed());
    m.put("failed", failed());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", r.name);
      e.put("passed", r.passed);
      e.put("max_abs_error", Double.isNaN(r.maxAbsError) ? null : r.maxAbsError);
      if (r.problem != null) e.put("problem", r.problem);
      list.add(e);
    }
    m.put("checks", list);
    return m;
  }
}
