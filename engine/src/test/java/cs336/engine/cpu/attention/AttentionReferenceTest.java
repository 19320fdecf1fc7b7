package cs336.engine.cpu.attention;

import static cs336.engine.cpu.attention.Close.assertClose;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The oracle itself: {@link AttentionReference} against attention written the obvious way in
 * double (the full T x T score matrix, masked, softmaxed), and its backward against central
 * differences of sum(o * dO).
 */
class AttentionReferenceTest {

  /** Naive attention in double on contiguous [B, H, T, D] arrays. */
  static final class Naive {
    final int B, H, Tq, Tk, D;
    final double scale;
    final boolean causal;
    double[] o, lse, dq, dk, dv;

    Naive(int B, int H, int Tq, int Tk, int D, double scale, boolean causal) {
      this.B = B;
      this.H = H;
      this.Tq = Tq;
      this.Tk = Tk;
      this.D = D;
      this.scale = scale;
      this.causal = causal;
    }

    boolean visible(int i, int j) {
      return !causal || j <= i + (Tk - Tq);
    }

    /** P for head bh: softmax over the visible keys of scale * q . k (rows with no visible key are 0). */
    double[][] probabilities(int bh, double[] q, double[] k) {
      double[][] p = new double[Tq][Tk];
      lse = lse == null ? new double[B * H * Tq] : lse;
      for (int i = 0; i < Tq; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < Tk; j++) {
          double s = Double.NEGATIVE_INFINITY;
          if (visible(i, j)) {
            s = 0;
            for (int d = 0; d < D; d++) s += q[(bh * Tq + i) * D + d] * k[(bh * Tk + j) * D + d];
            s *= scale;
          }
          p[i][j] = s;
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < Tk; j++) sum += p[i][j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(p[i][j] - max);
        for (int j = 0; j < Tk; j++) p[i][j] = p[i][j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(p[i][j] - max) / sum;
        lse[bh * Tq + i] = sum == 0 ? Double.NEGATIVE_INFINITY : max + Math.log(sum);
      }
      return p;
    }

    void forward(double[] q, double[] k, double[] v) {
      o = new double[B * H * Tq * D];
      lse = new double[B * H * Tq];
      for (int bh = 0; bh < B * H; bh++) {
        double[][] p = probabilities(bh, q, k);
        for (int i = 0; i < Tq; i++) {
          for (int j = 0; j < Tk; j++) {
            for (int d = 0; d < D; d++) o[(bh * Tq + i) * D + d] += p[i][j] * v[(bh * Tk + j) * D + d];
          }
        }
      }
    }

    /** Gradients of sum(o * dO): dP = dO V^T, dS = P o (dP - rowsum(P o dP)), dQ = scale dS K, ... */
    void backward(double[] q, double[] k, double[] v, double[] dO) {
      dq = new double[B * H * Tq * D];
      dk = new double[B * H * Tk * D];
      dv = new double[B * H * Tk * D];
      for (int bh = 0; bh < B * H; bh++) {
        double[][] p = probabilities(bh, q, k);
        for (int i = 0; i < Tq; i++) {
          double[] dp = new double[Tk];
          double rowDot = 0;
          for (int j = 0; j < Tk; j++) {
            for (int d = 0; d < D; d++) dp[j] += dO[(bh * Tq + i) * D + d] * v[(bh * Tk + j) * D + d];
            rowDot += p[i][j] * dp[j];
          }
          for (int j = 0; j < Tk; j++) {
            double ds = p[i][j] * (dp[j] - rowDot);
            for (int d = 0; d < D; d++) {
              dv[(bh * Tk + j) * D + d] += p[i][j] * dO[(bh * Tq + i) * D + d];
              dq[(bh * Tq + i) * D + d] += scale * ds * k[(bh * Tk + j) * D + d];
              dk[(bh * Tk + j) * D + d] += scale * ds * q[(bh * Tq + i) * D + d];
            }
          }
        }
      }
    }

    /** sum(o * dO) of the forward at (q, k, v). */
    double loss(double[] q, double[] k, double[] v, double[] dO) {
      forward(q, k, v);
      double sum = 0;
      for (int i = 0; i < o.length; i++) sum += o[i] * dO[i];
      return sum;
    }
  }

  private static float[] randomFloats(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
    return x;
  }

  private static double[] toDouble(float[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = x[i];
    return y;
  }

  private static void compareWithNaive(int B, int H, int Tq, int Tk, int D, boolean causal, long seed) {
    Random rnd = new Random(seed);
    float[] q = randomFloats(rnd, B * H * Tq * D), k = randomFloats(rnd, B * H * Tk * D);
    float[] v = randomFloats(rnd, B * H * Tk * D), dO = randomFloats(rnd, B * H * Tq * D);
    float scale = (float) (1 / Math.sqrt(D));
    float[][] ref = runReference(B, H, Tq, Tk, D, scale, causal, q, k, v, dO);
    float[] o = ref[0], lse = ref[1], dq = ref[2], dk = ref[3], dv = ref[4];

    Naive naive = new Naive(B, H, Tq, Tk, D, scale, causal);
    naive.forward(toDouble(q), toDouble(k), toDouble(v));
    naive.backward(toDouble(q), toDouble(k), toDouble(v), toDouble(dO));
    String shape = "[B=" + B + " H=" + H + " Tq=" + Tq + " Tk=" + Tk + " D=" + D + (causal ? " causal] " : "] ");
    assertClose(shape + "o", naive.o, o, 1e-5, 1e-4);
    assertClose(shape + "lse", naive.lse, lse, 1e-5, 1e-4);
    assertClose(shape + "dq", naive.dq, dq, 1e-5, 1e-4);
    assertClose(shape + "dk", naive.dk, dk, 1e-5, 1e-4);
    assertClose(shape + "dv", naive.dv, dv, 1e-5, 1e-4);
  }

  /** {o, lse, dq, dk, dv} of the reference on contiguous arrays. */
  private static float[][] runReference(int B, int H, int Tq, int Tk, int D, float scale, boolean causal,
      float[] q, float[] k, float[] v, float[] dO) {
    float[] o = new float[q.length], lse = new float[B * H * Tq];
    float[] dq = new float[q.length], dk = new float[k.length], dv = new float[v.length];
    AttentionReference.forward(B, H, Tq, Tk, D, scale, causal, view(q, H, Tq, D), view(k, H, Tk, D),
        view(v, H, Tk, D), view(o, H, Tq, D), lse);
    AttentionReference.backward(B, H, Tq, Tk, D, scale, causal, view(q, H, Tq, D), view(k, H, Tk, D),
        view(v, H, Tk, D), view(o, H, Tq, D), view(dO, H, Tq, D), lse, view(dq, H, Tq, D),
        view(dk, H, Tk, D), view(dv, H, Tk, D));
    return new float[][] {o, lse, dq, dk, dv};
  }

  private static AttnView view(float[] x, int H, int T, int D) {
    return AttnView.contiguous(x, H, T, D);
  }

  @Test
  void matchesTheFullScoreMatrixInDouble() {
    long seed = 1;
    for (int T : new int[] {1, 2, 7, 33}) {
      for (int D : new int[] {1, 5, 16}) {
        for (boolean causal : new boolean[] {false, true}) compareWithNaive(2, 2, T, T, D, causal, seed++);
      }
    }
    compareWithNaive(1, 2, 3, 11, 4, true, 100);  // causal offset Tk - Tq = 8
    compareWithNaive(1, 2, 1, 9, 4, true, 101);   // decoding
    compareWithNaive(1, 2, 6, 2, 4, true, 102);   // queries 0..3 see no key
  }

  @Test
  void backwardMatchesCentralDifferences() {
    // Gradients of sum(o * dO) by central differences of the double forward, at float inputs.
    int B = 1, H = 2, Tq = 3, Tk = 5, D = 3;
    Random rnd = new Random(7);
    float[] q = randomFloats(rnd, B * H * Tq * D), k = randomFloats(rnd, B * H * Tk * D);
    float[] v = randomFloats(rnd, B * H * Tk * D), dO = randomFloats(rnd, B * H * Tq * D);
    float scale = 0.7f;
    for (boolean causal : new boolean[] {false, true}) {
      float[][] ref = runReference(B, H, Tq, Tk, D, scale, causal, q, k, v, dO);
      float[] dq = ref[2], dk = ref[3], dv = ref[4];

      Naive naive = new Naive(B, H, Tq, Tk, D, scale, causal);
      double[][] inputs = {toDouble(q), toDouble(k), toDouble(v)};
      double[] g = toDouble(dO);
      float[][] analytic = {dq, dk, dv};
      String[] names = {"dq", "dk", "dv"};
      double eps = 1e-5;
      for (int which = 0; which < 3; which++) {
        double[] x = inputs[which];
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          double saved = x[i];
          x[i] = saved + eps;
          double plus = naive.loss(inputs[0], inputs[1], inputs[2], g);
          x[i] = saved - eps;
          double minus = naive.loss(inputs[0], inputs[1], inputs[2], g);
          x[i] = saved;
          numeric[i] = (plus - minus) / (2 * eps);
        }
        assertClose((causal ? "causal " : "") + names[which] + " vs central differences", numeric,
            analytic[which], 1e-5, 1e-4);
      }
    }
  }
}
