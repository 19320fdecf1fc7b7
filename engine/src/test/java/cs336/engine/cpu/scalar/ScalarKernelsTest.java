package cs336.engine.cpu.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import org.junit.jupiter.api.Test;

/** The reference kernels on cases small enough to compute by hand. */
class ScalarKernelsTest {
  private static final ScalarKernels K = ScalarKernels.INSTANCE;
  private static final float EPS = 1e-6f;

  @Test
  void softmaxOfZeroAndLogTwo() {
    NDArray out = NDArray.zeros(1, 2);
    K.softmax(NDArray.of(new float[] {0, (float) Math.log(2)}, 1, 2), 1, out);
    assertArrayEquals(new float[] {1 / 3f, 2 / 3f}, out.toFloatArray(), EPS);
    K.logSoftmax(NDArray.of(new float[] {0, (float) Math.log(2)}, 1, 2), 1, out);
    assertArrayEquals(new float[] {(float) Math.log(1 / 3.0), (float) Math.log(2 / 3.0)}, out.toFloatArray(), EPS);
  }

  @Test
  void rmsNormOfThreeFour() {
    NDArray out = NDArray.zeros(1, 2), rstd = NDArray.zeros(1);
    K.rmsNorm(NDArray.of(new float[] {3, 4}, 1, 2), NDArray.of(new float[] {1, 2}), 0f, out, rstd);
    float rms = (float) Math.sqrt(12.5);
    assertArrayEquals(new float[] {3 / rms, 8 / rms}, out.toFloatArray(), EPS);
    assertEquals(1 / rms, rstd.item(), EPS);
  }

  @Test
  void ropeRotatesEachPairByPositionTimesFrequency() {
    NDArray x = NDArray.of(new float[] {1, 0, 1, 0}, 1, 4), out = NDArray.zeros(1, 4);
    K.rope(x, NDArray.ofLongs(new long[] {2}), 100f, false, out);
    // pair 0: angle 2 * 100^0 = 2; pair 1: angle 2 * 100^(-1/2) = 0.2
    assertArrayEquals(new float[] {(float) Math.cos(2), (float) Math.sin(2), (float) Math.cos(0.2), (float) Math.sin(0.2)},
        out.toFloatArray(), EPS);
    NDArray back = NDArray.zeros(1, 4);
    K.rope(out, NDArray.ofLongs(new long[] {2}), 100f, true, back);
    assertArrayEquals(x.toFloatArray(), back.toFloatArray(), EPS);
  }

  @Test
  void crossEntropyOfTwoClasses() {
    NDArray losses = NDArray.zeros(1), lse = NDArray.zeros(1), d = NDArray.zeros(1, 2);
    NDArray logits = NDArray.of(new float[] {0, (float) Math.log(3)}, 1, 2);
    K.crossEntropy(logits, NDArray.ofLongs(new long[] {1}), losses, lse);
    assertEquals((float) Math.log(4 / 3.0), losses.item(), EPS);
    assertEquals((float) Math.log(4), lse.item(), EPS);
    K.crossEntropyBackward(logits, NDArray.ofLongs(new long[] {1}), lse, 2f, d);
    assertArrayEquals(new float[] {2 * 0.25f, 2 * (0.75f - 1)}, d.toFloatArray(), EPS);
    var e = assertThrows(IllegalArgumentException.class,
        () -> K.crossEntropy(logits, NDArray.ofLongs(new long[] {2}), losses, lse));
    assertEquals("cross-entropy target 2 out of range [0, 2)", e.getMessage());
  }

  @Test
  void embeddingAndItsScatterAdd() {
    NDArray w = NDArray.arange(6).view(3, 2), out = NDArray.zeros(2, 2);
    NDArray ids = NDArray.ofLongs(new long[] {2, 2});
    K.embedding(w, ids, out);
    assertArrayEquals(new float[] {4, 5, 4, 5}, out.toFloatArray());
    NDArray dw = NDArray.zeros(3, 2);
    K.embeddingBackward(ids, NDArray.ones(2, 2), dw);
    assertArrayEquals(new float[] {0, 0, 0, 0, 2, 2}, dw.toFloatArray());
  }

  @Test
  void gatherAndScatterAddAlongRows() {
    NDArray x = NDArray.arange(6).view(2, 3), out = NDArray.zeros(2, 1);
    NDArray idx = NDArray.ofLongs(new long[] {2, 0}, 2, 1);
    K.gather(x, 1, idx, out);
    assertArrayEquals(new float[] {2, 3}, out.toFloatArray());
    NDArray dst = NDArray.zeros(2, 3);
    K.scatterAdd(dst, 1, idx, NDArray.of(new float[] {7, 8}, 2, 1));
    assertArrayEquals(new float[] {0, 0, 7, 8, 0, 0}, dst.toFloatArray());
  }

  @Test
  void reductionsAndArgmax() {
    NDArray x = NDArray.of(new float[] {1, 5, 3, -2, 0, 4}, 2, 3), row = NDArray.zeros(2, 1), col = NDArray.zeros(1, 3);
    K.reduce(ReduceOp.SUM, x, row);
    assertArrayEquals(new float[] {9, 2}, row.toFloatArray());
    K.reduce(ReduceOp.MEAN, x, col);
    assertArrayEquals(new float[] {-0.5f, 2.5f, 3.5f}, col.toFloatArray());
    K.reduce(ReduceOp.MAX, x, row);
    assertArrayEquals(new float[] {5, 4}, row.toFloatArray());
    K.reduce(ReduceOp.MIN, x, col);
    assertArrayEquals(new float[] {-2, 0, 3}, col.toFloatArray());
    NDArray arg = NDArray.zeros(cs336.engine.cpu.CpuDevice.CPU, cs336.engine.DType.INT64, 2, 1);
    K.argmax(x, 1, arg);
    assertArrayEquals(new long[] {1, 2}, arg.toLongArray());
  }
}
