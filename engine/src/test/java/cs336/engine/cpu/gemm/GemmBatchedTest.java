package cs336.engine.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cs336.engine.Parallel;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm#sgemmBatched} against one {@link GemmReference} call per product, over the three ways
 * it runs: one tall product (shared B, stacked A and C), whole products per thread (small
 * products), and each product split over threads (large products).
 */
class GemmBatchedTest {
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(savedThreads);
  }

  /**
   * A batch laid out as [batch, rows, cols] with padded rows (or as [batch, cols, rows] when
   * {@code transposed}), or one matrix broadcast over the batch when {@code broadcast}.
   */
  private record Operand(float[] data, int off, int batchStride, int rowStride, int colStride) {
    static Operand random(int batch, int rows, int cols, boolean transposed, boolean broadcast,
        Random rnd) {
      int rs = transposed ? 1 : cols + 1;
      int cs = transposed ? rows + 1 : 1;
      int one = transposed ? cols * (rows + 1) : rows * (cols + 1);
      int bs = broadcast ? 0 : one + 2;
      float[] data = new float[2 + (broadcast ? one : batch * (one + 2))];
      for (int i = 0; i < data.length; i++) {
        data[i] = rnd.nextFloat() * 2f - 1f;
      }
      return new Operand(data, 2, bs, rs, cs);
    }

    MatrixView at(int t) {
      return new MatrixView(data, off + t * batchStride, rowStride, colStride);
    }
  }

  private static void check(int batch, int m, int n, int k, boolean broadcastA,
      boolean broadcastB, boolean transposeA, boolean transposeB, boolean accumulate, Random rnd) {
    Operand a = Operand.random(batch, m, k, transposeA, broadcastA, rnd);
    Operand b = Operand.random(batch, k, n, transposeB, broadcastB, rnd);
    // C stacked densely ([batch, m, n]), so a shared B makes the whole batch one tall product.
    float[] c0 = new float[batch * m * n + 1];
    for (int i = 0; i < c0.length; i++) {
      c0[i] = rnd.nextFloat();
    }
    float[] got = c0.clone();
    Gemm.sgemmBatched(batch, m, n, k, a.data(), a.off(), a.batchStride(), a.rowStride(),
        a.colStride(), b.data(), b.off(), b.batchStride(), b.rowStride(), b.colStride(),
        got, 1, m * n, n, accumulate);
    for (int t = 0; t < batch; t++) {
      MatrixView ct0 = new MatrixView(c0, 1 + t * m * n, n, 1);
      MatrixView want = GemmCase.reference(m, n, k, a.at(t), b.at(t), ct0, accumulate);
      MatrixView gotT = new MatrixView(got, 1 + t * m * n, n, 1);
      // Compare only product t's elements: other products' parts of the arrays differ by design.
      MatrixView wantOnly = new MatrixView(want.data(), want.off(), n, 1);
      GemmCase.assertClose("batch " + batch + " product " + t + (broadcastA ? ", A broadcast" : "")
          + (broadcastB ? ", B broadcast" : ""), m, n, k, a.at(t), b.at(t), ct0,
          restrict(gotT, m, n), restrict(wantOnly, m, n));
    }
  }

  /** A copy holding only the m x n elements of {@code x} (zeros elsewhere). */
  private static MatrixView restrict(MatrixView x, int m, int n) {
    float[] d = new float[x.data().length];
    for (int i = 0; i < m; i++) {
      System.arraycopy(x.data(), x.index(i, 0), d, x.index(i, 0), n);
    }
    return new MatrixView(d, x.off(), x.rowStride(), 1);
  }

  @Test
  void broadcastAndTransposedOperands() {
    Parallel.setThreads(2);
    Random rnd = new Random(11);
    int[][] shapes = {{3, 5, 7, 9}, {4, 17, 33, 16}, {1, 6, 32, 20}, {0, 3, 3, 3}, {5, 0, 4, 4},
        {2, 3, 4, 0}};
    for (int[] s : shapes) {
      for (int bcast = 0; bcast < 3; bcast++) {
        for (int tr = 0; tr < 4; tr++) {
          check(s[0], s[1], s[2], s[3], bcast == 1, bcast == 2, (tr & 1) != 0, (tr & 2) != 0,
              tr == 3, rnd);
        }
      }
    }
  }

  @Test
  void smallProductsRunOnePerThreadAndLargeOnesSplit() {
    Random rnd = new Random(12);
    for (int threads : new int[] {1, 2}) {
      Parallel.setThreads(threads);
      check(9, 40, 24, 50, false, false, false, true, true, rnd); // whole products per thread
      check(2, 300, 260, 270, false, false, true, false, false, rnd); // each product split
      check(3, 130, 70, 90, false, true, false, false, true, rnd); // one tall product
    }
  }

  @Test
  void sameBitsAtOneAndTwoThreads() {
    Random rnd = new Random(13);
    int batch = 6;
    int m = 50;
    int n = 40;
    int k = 70;
    Operand a = Operand.random(batch, m, k, false, false, rnd);
    Operand b = Operand.random(batch, k, n, true, false, rnd);
    float[][] out = new float[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Parallel.setThreads(threads);
      float[] c = new float[batch * m * n];
      Gemm.sgemmBatched(batch, m, n, k, a.data(), a.off(), a.batchStride(), a.rowStride(),
          a.colStride(), b.data(), b.off(), b.batchStride(), b.rowStride(), b.colStride(),
          c, 0, m * n, n, false);
      out[threads - 1] = c;
    }
    assertArrayEquals(out[0], out[1]);
  }
}
