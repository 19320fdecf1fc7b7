package cs336.bench.engine;

import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.Parallel;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cpu.CpuStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * A companion to the JMH benchmarks for a shared, busy machine: on one engine thread, the CPU time
 * (not wall time) of softmax forward/backward over [8192, 10000] and RMSNorm forward/backward over
 * [8192, 512], each divided by the CPU time of one System.arraycopy of the same bytes, measured
 * alternately so both see the same conditions. CPU time leaves out the time other processes hold
 * the core, which wall-clock JMH scores include. Prints the median of several rounds.
 *
 * <p>Run (after bench/jmh built the jar): {@code java --add-modules=jdk.incubator.vector -Xmx4g -cp
 * bench/target/benchmarks.jar cs336.bench.engine.CpuTimeRatios}.
 */
public final class CpuTimeRatios {
  private CpuTimeRatios() {}

  private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

  private static double cpuMillis(Runnable r, int reps) {
    long t0 = BEAN.getCurrentThreadCpuTime();
    for (int i = 0; i < reps; i++) r.run();
    return (BEAN.getCurrentThreadCpuTime() - t0) / 1e6 / reps;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void report(String name, Runnable kernel, Runnable copy, int reps, int rounds) {
    for (int w = 0; w < 3; w++) {
      kernel.run();
      copy.run();
    }
    double[] k = new double[rounds], c = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      k[i] = cpuMillis(kernel, reps);
      c[i] = cpuMillis(copy, reps);
    }
    System.out.printf(Locale.ROOT, "%-28s %9.3f ms   arraycopy %9.3f ms   ratio %.2f%n", name, median(k), median(c),
        median(k) / median(c));
  }

  public static void main(String[] args) {
    Parallel.setThreads(1);
    Kernels k = CpuDevice.defaultKernels();
    System.out.println("kernels: " + k.name() + ", 1 engine thread, CPU time, median of 7 rounds");
    Random r = new Random(1);
    NDArray x = NDArray.randn(r, 8192, 10_000).mul(3f), dy = NDArray.randn(r, 8192, 10_000);
    NDArray y = NDArray.zeros(8192, 10_000), dx = NDArray.zeros(8192, 10_000);
    float[] big = new float[8192 * 10_000];
    Runnable copyBig = () -> System.arraycopy(CpuStorage.floats(x), 0, big, 0, big.length);
    k.softmax(x, 1, y);
    report("softmax forward [8192,10000]", () -> k.softmax(x, 1, dx), copyBig, 2, 7);
    report("softmax backward", () -> k.softmaxBackward(y, dy, 1, dx), copyBig, 2, 7);
    NDArray h = NDArray.randn(r, 8192, 512), w = NDArray.rand(r, 512), g = NDArray.randn(r, 8192, 512);
    NDArray out = NDArray.zeros(8192, 512), rstd = NDArray.zeros(8192), dh = NDArray.zeros(8192, 512), dw = NDArray.zeros(512);
    float[] small = new float[8192 * 512];
    Runnable copySmall = () -> System.arraycopy(CpuStorage.floats(h), 0, small, 0, small.length);
    report("rmsNorm forward [8192,512]", () -> k.rmsNorm(h, w, 1e-5f, out, rstd), copySmall, 20, 7);
    report("rmsNorm backward", () -> k.rmsNormBackward(h, w, rstd, g, dh, dw), copySmall, 20, 7);
  }
}
