package cs336.autograd.ops;

import static cs336.autograd.OpCheck.check;
import static cs336.autograd.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import org.junit.jupiter.api.Test;

/** Embedding and gather (int64 indices), with repeated indices so the scatter-add must add. */
class IndexOpsTest {
  @Test
  void embeddingLooksUpRowsAndAddsRepeatedGradients() {
    Tensor ids = Tensor.ofLongs(new long[] {3, 0, 3, 5, 1, 3}, 2, 3);
    check(t -> Tensor.embedding(t[0], ids), t -> {
      float[] w = t[0].data().toFloatArray();
      float[] out = new float[6 * 4];
      long[] id = ids.data().toLongArray();
      for (int i = 0; i < 6; i++) System.arraycopy(w, (int) id[i] * 4, out, i * 4, 4);
      return Tensor.of(NDArray.of(out, 2, 3, 4));
    }, uniform(1, -1, 1, 6, 4));
  }

  @Test
  void embeddingRejectsOutOfRangeIds() {
    Tensor w = Tensor.zeros(5, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.embedding(w, Tensor.ofLongs(new long[] {1, 5})));
    assertTrue(e.getMessage().contains("5") && e.getMessage().contains("[0, 5)"), e.getMessage());
  }

  @Test
  void gatherAlongTheLastAndFirstDimension() {
    Tensor idx = Tensor.ofLongs(new long[] {2, 0, 1, 1, 3, 3}, 3, 2);
    check(t -> t[0].gather(1, idx), uniform(1, -1, 1, 3, 4));
    Tensor idx0 = Tensor.ofLongs(new long[] {1, 0, 0, 1, 1, 1}, 2, 3);
    check(t -> t[0].gather(0, idx0), uniform(2, -1, 1, 2, 3));
  }
}
