package cs336.engine.cpu.attention;

import static cs336.engine.cpu.attention.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.Parallel;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tiled kernels against {@link AttentionReference} on awkward sizes, views and thread counts. */
class FlashAttentionTest {
  private static final int L = TileKernels.L;
  private static final double ATOL = 2e-5, RTOL = 2e-4;
  private final int savedThreads = Parallel.threads();

  @AfterEach
  void restoreThreads() {
    Parallel.setThreads(savedThreads);
  }

  /** Outputs of one forward + backward. */
  record Result(float[] o, float[] lse, float[] dq, float[] dk, float[] dv) {}

  /** Runs the fast kernels (views in the given layout) and the reference (contiguous) on one case, compares. */
  private static Result check(int B, int H, int Tq, int Tk, int D, boolean causal, boolean projection, long seed) {
    Random rnd = new Random(seed);
    AttnOperand q = AttnOperand.of(projection, B, H, Tq, D).random(rnd);
    AttnOperand k = AttnOperand.of(projection, B, H, Tk, D).random(rnd);
    AttnOperand v = AttnOperand.of(projection, B, H, Tk, D).random(rnd);
    AttnOperand dO = AttnOperand.of(projection, B, H, Tq, D).random(rnd);
    float scale = (float) (1 / Math.sqrt(D));
    String shape = "[B=" + B + " H=" + H + " Tq=" + Tq + " Tk=" + Tk + " D=" + D + (causal ? " causal" : "")
        + (projection ? " projection layout" : "") + "] ";

    AttnOperand o = AttnOperand.of(projection, B, H, Tq, D);
    AttnOperand dq = AttnOperand.of(projection, B, H, Tq, D);
    AttnOperand dk = AttnOperand.of(projection, B, H, Tk, D);
    AttnOperand dv = AttnOperand.of(projection, B, H, Tk, D);
    float[] lse = new float[B * H * Tq];
    FlashAttention.forward(B, H, Tq, Tk, D, scale, causal, q.view, k.view, v.view, o.view, lse);
    FlashAttention.backward(B, H, Tq, Tk, D, scale, causal, q.view, k.view, v.view, o.view, dO.view, lse,
        dq.view, dk.view, dv.view);

    AttnOperand qc = contiguousCopy(q), kc = contiguousCopy(k), vc = contiguousCopy(v), dOc = contiguousCopy(dO);
    AttnOperand oRef = AttnOperand.contiguous(B, H, Tq, D);
    AttnOperand dqRef = AttnOperand.contiguous(B, H, Tq, D);
    AttnOperand dkRef = AttnOperand.contiguous(B, H, Tk, D), dvRef = AttnOperand.contiguous(B, H, Tk, D);
    float[] lseRef = new float[B * H * Tq];
    AttentionReference.forward(B, H, Tq, Tk, D, scale, causal, qc.view, kc.view, vc.view, oRef.view, lseRef);
    AttentionReference.backward(B, H, Tq, Tk, D, scale, causal, qc.view, kc.view, vc.view, oRef.view, dOc.view,
        lseRef, dqRef.view, dkRef.view, dvRef.view);

    assertClose(shape + "o", oRef.data, o.values(), ATOL, RTOL);
    assertClose(shape + "lse", lseRef, lse, ATOL, RTOL);
    assertClose(shape + "dq", dqRef.data, dq.values(), ATOL, RTOL);
    assertClose(shape + "dk", dkRef.data, dk.values(), ATOL, RTOL);
    assertClose(shape + "dv", dvRef.data, dv.values(), ATOL, RTOL);
    for (AttnOperand out : new AttnOperand[] {o, dq, dk, dv}) {
      assertEquals(-1, out.firstTouchedGap(), shape + "an output was written outside its view");
    }
    return new Result(o.values(), lse, dq.values(), dk.values(), dv.values());
  }

  private static AttnOperand contiguousCopy(AttnOperand x) {
    AttnOperand c = AttnOperand.contiguous(x.B, x.H, x.T, x.D);
    System.arraycopy(x.values(), 0, c.data, 0, c.data.length);
    return c;
  }

  @Test
  void matchesReferenceOnAwkwardSizes() {
    int[] sizes = {1, 2, L - 1, L, L + 1, 3 * L + 5, 100};
    long seed = 1;
    for (int T : sizes) {
      for (int D : new int[] {1, 3, 16, 32, 64}) {
        for (boolean causal : new boolean[] {false, true}) check(1, 2, T, T, D, causal, false, seed++);
      }
    }
  }

  @Test
  void spansSeveralTilesInBothDirections() {
    // 150 > 2 tiles of keys and queries; D = 48 is an odd number of vectors with 16 lanes.
    check(2, 2, 150, 150, 48, true, false, 11);
    check(1, 3, 150, 150, 32, false, false, 12);
  }

  @Test
  void causalOffsetWhenQueriesAreTheLastPositions() {
    // Tq < Tk: query i is position Tk - Tq + i, as when a prompt continues a KV cache.
    for (int[] qk : new int[][] {{5, 37}, {37, 100}, {64, 130}, {3, L + 1}}) {
      for (int D : new int[] {3, 32}) check(2, 2, qk[0], qk[1], D, true, false, qk[0] * 1000L + qk[1] + D);
    }
  }

  @Test
  void decodingOneQueryAgainstACache() {
    for (int Tk : new int[] {1, 2, L - 1, L + 1, 100, 200}) {
      check(2, 3, 1, Tk, 32, true, false, Tk);
      check(1, 2, 1, Tk, 64, false, true, Tk + 7);
    }
  }

  @Test
  void queriesWithoutVisibleKeys() {
    // Causal with Tq > Tk: the first Tq - Tk queries see nothing (o = 0, lse = -inf, dq = 0).
    Result r = check(1, 2, 9, 4, 16, true, false, 21);
    assertEquals(Float.NEGATIVE_INFINITY, r.lse()[0]);
    assertEquals(0f, r.o()[0]);
    assertEquals(0f, r.dq()[0]);
    check(1, 1, 100, 30, 32, true, true, 22);
  }

  @Test
  void readsAndWritesHeadsInsideAProjectionLayout() {
    for (boolean causal : new boolean[] {false, true}) {
      check(2, 3, 3 * L + 5, 3 * L + 5, 32, causal, true, 31);
      check(2, 2, L + 1, L + 1, 3, causal, true, 32);
      check(1, 2, 70, 70, 64, causal, true, 33);
    }
  }

  @Test
  void sameBitsOnEveryRunAndAtEveryThreadCount() {
    Parallel.setThreads(2);
    Result first = check(3, 4, 100, 100, 32, true, false, 41);
    Result second = check(3, 4, 100, 100, 32, true, false, 41);
    Parallel.setThreads(1);
    Result single = check(3, 4, 100, 100, 32, true, false, 41);
    for (Result r : new Result[] {second, single}) {
      assertArrayEquals(first.o(), r.o());
      assertArrayEquals(first.lse(), r.lse());
      assertArrayEquals(first.dq(), r.dq());
      assertArrayEquals(first.dk(), r.dk());
      assertArrayEquals(first.dv(), r.dv());
    }
  }

  @Test
  void compositeTwinMatchesReference() {
    int[][] cases = {{1, 1}, {L + 1, L + 1}, {100, 100}, {5, 37}, {1, 70}, {9, 4}};
    long seed = 61;
    for (int[] qk : cases) {
      for (int D : new int[] {3, 32}) {
        for (boolean causal : new boolean[] {false, true}) compositeCheck(2, 2, qk[0], qk[1], D, causal, seed++);
      }
    }
  }

  private static void compositeCheck(int B, int H, int Tq, int Tk, int D, boolean causal, long seed) {
    Random rnd = new Random(seed);
    AttnOperand q = AttnOperand.contiguous(B, H, Tq, D).random(rnd), dO = AttnOperand.contiguous(B, H, Tq, D).random(rnd);
    AttnOperand k = AttnOperand.contiguous(B, H, Tk, D).random(rnd), v = AttnOperand.contiguous(B, H, Tk, D).random(rnd);
    float scale = 0.3f;
    String shape = "composite [B=" + B + " H=" + H + " Tq=" + Tq + " Tk=" + Tk + " D=" + D + (causal ? " causal] " : "] ");
    AttnOperand[] ref = new AttnOperand[4], got = new AttnOperand[4];
    for (int w = 0; w < 4; w++) {
      int T = w == 0 || w == 1 ? Tq : Tk;
      ref[w] = AttnOperand.contiguous(B, H, T, D);
      got[w] = AttnOperand.contiguous(B, H, T, D);
    }
    float[] lseRef = new float[B * H * Tq], lse = new float[B * H * Tq];
    AttentionReference.forward(B, H, Tq, Tk, D, scale, causal, q.view, k.view, v.view, ref[0].view, lseRef);
    AttentionReference.backward(B, H, Tq, Tk, D, scale, causal, q.view, k.view, v.view, ref[0].view, dO.view,
        lseRef, ref[1].view, ref[2].view, ref[3].view);
    float[] p = AttentionComposite.forward(B, H, Tq, Tk, D, scale, causal, q.view, k.view, v.view, got[0].view, lse);
    AttentionComposite.backward(B, H, Tq, Tk, D, scale, causal, q.view, k.view, v.view, p, dO.view,
        got[1].view, got[2].view, got[3].view);
    String[] names = {"o", "dq", "dk", "dv"};
    assertClose(shape + "lse", lseRef, lse, ATOL, RTOL);
    for (int w = 0; w < 4; w++) assertClose(shape + names[w], ref[w].data, got[w].data, ATOL, RTOL);
  }

  @Test
  void emptySizesWriteTheReferenceAnswer() {
    check(0, 2, 5, 5, 8, true, false, 51);
    check(1, 2, 0, 5, 8, true, false, 52);  // no queries: dk = dv = 0
    check(1, 2, 5, 0, 8, false, false, 53); // no keys: o = 0, lse = -inf
  }

  @Test
  void rejectsArraysTooSmallForTheirShape() {
    float[] small = new float[10];
    AttnView x = AttnView.contiguous(new float[2 * 4 * 8], 2, 4, 8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlashAttention.forward(1, 2, 4, 4, 8, 1f, true, x, x, x, AttnView.contiguous(small, 2, 4, 8), new float[8]));
    assertTrue(e.getMessage().contains("o [B=1, H=2, T=4, D=8]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FlashAttention.forward(1, 2, 4, 4, 8, 1f, true, x, x, x, x, new float[7]));
    assertTrue(e.getMessage().contains("lse"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FlashAttention.forward(1, 2, 4, 4, 0, 1f, true, x, x, x, x, new float[8]));
  }

  @Test
  void vectorExpIsAccurateOverTheWholeRange() {
    float[] x = new float[4001 / L * L + L];
    for (int i = 0; i < x.length; i++) x[i] = -87f + 175f * i / x.length;
    float[] e = new float[x.length];
    for (int i = 0; i < x.length; i += L) {
      TileKernels.exp(jdk.incubator.vector.FloatVector.fromArray(TileKernels.F, x, i)).intoArray(e, i);
    }
    double worst = 0;
    for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(e[i] / Math.exp(x[i]) - 1));
    assertTrue(worst < 3e-7, "worst relative error " + worst);
  }
}
