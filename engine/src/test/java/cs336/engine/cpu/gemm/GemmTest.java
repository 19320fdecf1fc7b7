package cs336.engine.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.Parallel;
import cs336.engine.cpu.gemm.GemmCase.Layout;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Gemm} against {@link GemmReference}: shapes, layouts, accumulation, block edges. */
class GemmTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(savedThreads);
  }

  /** Floats per vector of the SIMD micro-kernel (the tests run with the Vector API). */
  static int lanes() {
    return SimdMicroKernel.L;
  }

  @Test
  void theTestsRunTheVectorApiKernel() {
    // Surefire passes --add-modules=jdk.incubator.vector (parent pom); without it these tests
    // would silently check the scalar fallback only.
    assertTrue(GemmBlocking.preferred().kernel() instanceof SimdMicroKernel);
  }

  /** Sizes around the vector length and the register tile: 0, 1, L-1, L, L+1, 3L+5, MR-1..MR+1. */
  static int[] awkwardSizes() {
    int lanes = lanes();
    TreeSet<Integer> s = new TreeSet<>();
    for (int x : new int[] {0, 1, 2, lanes - 1, lanes, lanes + 1, 3 * lanes + 5, 5, 6, 7}) {
      if (x >= 0) {
        s.add(x);
      }
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  /** One call through the public entry point, checked against the reference. */
  static void check(int m, int n, int k, Layout la, Layout lb, boolean accumulate, Random rnd) {
    MatrixView a = la.random(m, k, rnd);
    MatrixView b = lb.random(k, n, rnd);
    MatrixView c0 = GemmCase.randomC(m, n, rnd);
    MatrixView got = GemmCase.copy(c0);
    Gemm.sgemm(m, n, k, a.data(), a.off(), a.rowStride(), a.colStride(), b.data(), b.off(),
        b.rowStride(), b.colStride(), got.data(), got.off(), got.rowStride(), accumulate);
    MatrixView want = GemmCase.reference(m, n, k, a, b, c0, accumulate);
    GemmCase.assertClose("A " + la + ", B " + lb + (accumulate ? ", accumulate" : ""), m, n, k,
        a, b, c0, got, want);
  }

  @Test
  void everySmallShapeAroundTheVectorLength() {
    Parallel.setThreads(2);
    Random rnd = new Random(1);
    int[] sizes = awkwardSizes();
    for (int m : sizes) {
      for (int n : sizes) {
        for (int k : sizes) {
          for (Layout la : new Layout[] {Layout.ROWS, Layout.COLS}) {
            for (Layout lb : new Layout[] {Layout.ROWS, Layout.COLS}) {
              check(m, n, k, la, lb, false, rnd);
              check(m, n, k, la, lb, true, rnd);
            }
          }
        }
      }
    }
  }

  @Test
  void allTransposeCombinationsAndStrides() {
    Parallel.setThreads(2);
    Random rnd = new Random(2);
    int lanes = lanes();
    int[][] shapes = {{3 * lanes + 5, lanes + 1, 19}, {7, 2 * lanes + 3, lanes - 1}, {1, 1, 1},
        {0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {61, 37, 300}};
    for (int[] s : shapes) {
      for (Layout la : Layout.values()) {
        for (Layout lb : Layout.values()) {
          for (boolean acc : new boolean[] {false, true}) {
            check(s[0], s[1], s[2], la, lb, acc, rnd);
          }
        }
      }
    }
  }

  @Test
  void largeOddShapeCrossesEveryBlockBoundary() {
    // m and n are not multiples of any tile; k spans several K blocks of the default sizes.
    Random rnd = new Random(3);
    for (int threads : new int[] {1, 2}) {
      Parallel.setThreads(threads);
      check(211, 263, 2 * GemmBlocking.KC + 17, Layout.ROWS, Layout.ROWS, false, rnd);
      check(211, 263, 2 * GemmBlocking.KC + 17, Layout.COLS, Layout.COLS, true, rnd);
      // Two N blocks, and C too short to split by rows: the threads take column panels.
      check(7, GemmBlocking.NC + 37, 701, Layout.ROWS, Layout.COLS, true, rnd);
    }
  }

  @Test
  void tinyBlocksExerciseThePackingAndEdgeTiles() {
    // The driver with block sizes of a few tiles walks through many K, M and N blocks, partial
    // tiles in both directions, and both ways of splitting C between threads.
    Parallel.setThreads(2);
    Random rnd = new Random(4);
    for (BlockedGemm blocked : new BlockedGemm[] {tiny(GemmBlocking.preferred()),
        tiny(GemmBlocking.scalar())}) {
      MicroKernel kern = blocked.kernel();
      int mr = kern.mr();
      int nr = kern.nr();
      int[][] shapes = {{5 * mr + 1, 3 * nr - 1, 23}, {mr - 1, 9 * nr + 2, 40}, {37, nr + 1, 7},
          {2, 2, 64}, {200, 2, 9}};
      for (int[] s : shapes) {
        for (Layout la : Layout.values()) {
          for (Layout lb : Layout.values()) {
            for (boolean acc : new boolean[] {false, true}) {
              int m = s[0];
              int n = s[1];
              int k = s[2];
              MatrixView a = la.random(m, k, rnd);
              MatrixView b = lb.random(k, n, rnd);
              MatrixView c0 = GemmCase.randomC(m, n, rnd);
              MatrixView got = GemmCase.copy(c0);
              blocked.multiply(m, n, k, a, b, got, acc, 2);
              GemmCase.assertClose("tiny blocks, " + mr + "x" + nr + " kernel, A " + la + ", B "
                  + lb, m, n, k, a, b, c0, got, GemmCase.reference(m, n, k, a, b, c0, acc));
            }
          }
        }
      }
    }
  }

  private static BlockedGemm tiny(BlockedGemm template) {
    MicroKernel k = template.kernel();
    return new BlockedGemm(k, 5, 2 * k.mr(), 2 * k.nr(), 1);
  }

  @Test
  void everyPathGivesTheSameBits() {
    // Direct, blocked with SIMD or scalar kernel, any block size, any thread count: one FMA chain
    // per output in the same order, so the bits agree exactly.
    Random rnd = new Random(5);
    int m = 45;
    int n = 77;
    int k = 300;
    MatrixView a = Layout.COLS.random(m, k, rnd);
    MatrixView b = Layout.ROWS.random(k, n, rnd);
    MatrixView c0 = GemmCase.randomC(m, n, rnd);
    MatrixView direct = GemmCase.copy(c0);
    DirectGemm.multiply(m, n, k, a, b, direct, true);
    BlockedGemm[] drivers = {GemmBlocking.preferred(), GemmBlocking.scalar(),
        tiny(GemmBlocking.preferred()), tiny(GemmBlocking.scalar())};
    for (BlockedGemm blocked : drivers) {
      for (int threads : new int[] {1, 2, 3}) {
        Parallel.setThreads(threads);
        MatrixView got = GemmCase.copy(c0);
        blocked.multiply(m, n, k, a, b, got, true, threads);
        assertArrayEquals(direct.data(), got.data(), blocked.kernel().getClass().getSimpleName()
            + " at " + threads + " threads differs from the direct FMA chain");
      }
    }
  }

  @Test
  void sameBitsEveryRunAndAtOneAndTwoThreads() {
    Random rnd = new Random(6);
    int m = 389;
    int n = 301;
    int k = 523;
    MatrixView a = Layout.ROWS.random(m, k, rnd);
    MatrixView b = Layout.COLS.random(k, n, rnd);
    float[][] runs = new float[3][];
    int[] threadsPerRun = {2, 2, 1};
    for (int r = 0; r < runs.length; r++) {
      Parallel.setThreads(threadsPerRun[r]);
      float[] c = new float[m * n];
      Gemm.sgemm(m, n, k, a.data(), a.off(), a.rowStride(), a.colStride(), b.data(), b.off(),
          b.rowStride(), b.colStride(), c, 0, n, false);
      runs[r] = c;
    }
    assertArrayEquals(runs[0], runs[1], "two runs at 2 threads differ");
    assertArrayEquals(runs[0], runs[2], "1 and 2 threads differ");
  }

  @Test
  void kZeroOverwritesWithZerosOrLeavesC() {
    float[] c = {1, 2, 3, 4};
    Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 0, new float[0], 0, 0, 0, c, 0, 2, true);
    assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    Gemm.sgemm(2, 2, 0, new float[0], 0, 0, 0, new float[0], 0, 0, 0, c, 0, 2, false);
    assertArrayEquals(new float[4], c);
  }

  @Test
  void handComputedProduct() {
    // [1 2; 3 4] [5 6; 7 8] = [19 22; 43 50], with B given transposed through its strides.
    float[] a = {1, 2, 3, 4};
    float[] bt = {5, 7, 6, 8};
    float[] c = new float[4];
    Gemm.sgemm(2, 2, 2, a, 0, 2, 1, bt, 0, 1, 2, c, 0, 2, false);
    assertArrayEquals(new float[] {19, 22, 43, 50}, c);
  }

  @Test
  void badArgumentsAreNamed() {
    float[] small = new float[5];
    float[] c = new float[4];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.sgemm(2, 2, 3, small, 0, 3, 1, new float[6], 0, 2, 1, c, 0, 2, false));
    assertTrue(e.getMessage().contains("A (2 x 3"), e.getMessage());
    assertTrue(e.getMessage().contains("length 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.sgemm(2, 2, 2, c, 0, 2, 1, new float[4], 0, 2, 1, c, 0, 2, false));
    assertTrue(e.getMessage().contains("A and C"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.sgemm(2, 2, 2, new float[4], 0, 2, 1, new float[4], 0, 2, 1, c, 0, 1, false));
    assertTrue(e.getMessage().contains("C's rows overlap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Gemm.sgemm(-1, 2, 2, new float[4], 0, 2, 1, new float[4], 0, 2, 1, c, 0, 2, false));
    assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Gemm.sgemmBatched(2, 2, 2, 2,
        new float[4], 0, 0, 2, 1, new float[4], 0, 0, 2, 1, c, 0, 0, 2, false));
    assertTrue(e.getMessage().contains("batch stride is 0"), e.getMessage());
    // Disjoint parts of one array are fine.
    float[] shared = {1, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 0};
    Gemm.sgemm(2, 2, 2, shared, 0, 2, 1, shared, 4, 2, 1, shared, 8, 2, false);
    assertEquals(2f, shared[8]);
    assertEquals(5f, shared[11]);
  }
}
