package cs336.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cs336.autograd.NoGrad;
import cs336.autograd.OpCheck;
import cs336.autograd.Tensor;
import cs336.engine.AllClose;
import cs336.nn.Rng;
import cs336.nn.functional.Functional;
import org.junit.jupiter.api.Test;

/** Layers take any number of leading dimensions, as the handout's adapters do. */
class RanksTest {
  @Test
  void attentionOverAnyLeadingDimensions() {
    try (NoGrad ignored = NoGrad.enter()) {
      MultiHeadSelfAttention a = new MultiHeadSelfAttention(8, 2, new RotaryEmbedding(100f, 4, 8), new Rng(1));
      Tensor x4 = OpCheck.randn(2, 2, 2, 3, 8);
      Tensor positions = Tensor.ofLongs(new long[] {0, 1, 2, 5, 6, 7, 1, 1, 1, 0, 2, 4}, 2, 2, 3);
      Tensor y4 = a.forward(x4, positions);
      Tensor y3 = a.forward(x4.reshape(4, 3, 8), positions.reshape(4, 3));
      AllClose.check("[2, 2, T, C] vs [4, T, C]", y3.data().reshape(2, 2, 3, 8), y4.data(), 1e-6, 1e-5);
      Tensor y2 = a.forward(x4.select(0, 1).select(0, 0), positions.select(0, 1).select(0, 0));
      AllClose.check("[T, C]", y4.data().select(0, 1).select(0, 0), y2.data(), 1e-6, 1e-5);
    }
  }

  @Test
  void pointwiseLayersOnVectorsAndHigherRanks() {
    try (NoGrad ignored = NoGrad.enter()) {
      Linear l = new Linear(4, 3, new Rng(1));
      assertArrayEquals(new int[] {3}, l.forward(OpCheck.randn(1, 4)).shape());
      assertArrayEquals(new int[] {2, 1, 5, 3}, l.forward(OpCheck.randn(1, 2, 1, 5, 4)).shape());
      assertArrayEquals(new int[] {4}, new RMSNorm(4).forward(OpCheck.randn(2, 4)).shape());
      assertArrayEquals(new int[] {4}, new SwiGLU(4, 6, new Rng(2)).forward(OpCheck.randn(3, 4)).shape());
      Embedding e = new Embedding(5, 3, new Rng(3));
      assertArrayEquals(new int[] {3}, e.forward(Tensor.ofLongs(new long[] {4}).squeeze(0)).shape());
      assertArrayEquals(new int[] {1, 2, 2, 3}, e.forward(Tensor.ofLongs(new long[] {0, 1, 2, 3}, 1, 2, 2)).shape());
      RotaryEmbedding rope = new RotaryEmbedding(10_000f, 4, 8);
      assertArrayEquals(new int[] {3, 4}, rope.forward(OpCheck.randn(4, 3, 4), Tensor.ofLongs(new long[] {0, 1, 2})).shape());
    }
  }

  @Test
  void crossEntropyOverAnyLeadingDimensions() {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor logits = OpCheck.randn(1, 2, 3, 5);
      Tensor targets = Tensor.ofLongs(new long[] {0, 4, 2, 1, 1, 3}, 2, 3);
      float all = Functional.crossEntropy(logits, targets).item();
      float flat = Functional.crossEntropy(logits.reshape(6, 5), targets.reshape(6)).item();
      AllClose.check("[2, 3, V] vs [6, V]", Tensor.scalar(flat).data(), Tensor.scalar(all).data(), 1e-7, 1e-6);
      float one = Functional.crossEntropy(logits.select(0, 0).select(0, 0), Tensor.ofLongs(new long[] {0}).squeeze(0))
          .item();
      AllClose.check("[V] with a 0-d target", logits.select(0, 0).select(0, 0).logSoftmax(0).select(0, 0).neg().data(),
          Tensor.scalar(one).data(), 1e-6, 1e-5);
    }
  }
}
