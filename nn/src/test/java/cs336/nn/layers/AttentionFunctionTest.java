package cs336.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cs336.autograd.GradCheck;
import cs336.autograd.NoGrad;
import cs336.autograd.OpCheck;
import cs336.autograd.Tensor;
import cs336.autograd.ops.fused.Composites;
import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.nn.functional.Functional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** scaled_dot_product_attention with an arbitrary mask, any leading dimensions, d_v != d_k. */
class AttentionFunctionTest {
  /** A random 0/1 mask with at least one 1 per row (a row of zeros is NaN, as in PyTorch). */
  static Tensor mask(long seed, int... shape) {
    Random r = new Random(seed);
    NDArray m = NDArray.zeros(shape);
    float[] v = new float[m.numel()];
    int keys = shape[shape.length - 1];
    for (int i = 0; i < v.length; i++) v[i] = r.nextBoolean() || i % keys == 0 ? 1 : 0;
    return Tensor.of(NDArray.of(v, shape));
  }

  @Test
  void maskedAttentionGradients() {
    Tensor q = OpCheck.randn(1, 2, 3, 4), k = OpCheck.randn(2, 2, 5, 4), v = OpCheck.randn(3, 2, 5, 3);
    Tensor m = mask(4, 3, 5);                                       // broadcast over the batch
    assertArrayEquals(new int[] {2, 3, 3}, Functional.scaledDotProductAttention(q, k, v, m).shape());
    GradCheck.check(t -> Functional.scaledDotProductAttention(t[0], t[1], t[2], m), q, k, v);
  }

  @Test
  void causalMaskEqualsTheFusedCausalKernel() {
    Tensor q = OpCheck.randn(1, 2, 2, 6, 4), k = OpCheck.randn(2, 2, 2, 6, 4), v = OpCheck.randn(3, 2, 2, 6, 4);
    Tensor keep = Tensor.of(Composites.causalMask(6, 6).data().eq(0f));   // 1 where j <= i
    try (NoGrad ignored = NoGrad.enter()) {
      AllClose.check("masked vs fused causal", Tensor.scaledDotProductAttention(q, k, v, true).data(),
          Functional.scaledDotProductAttention(q, k, v, keep).data(), 1e-5, 1e-4);
      AllClose.check("no mask: fused vs composite", Composites.attention(q, k, v, false).data(),
          Functional.scaledDotProductAttention(q, k, v, null).data(), 1e-5, 1e-4);
    }
  }

  @Test
  void leadingDimensionsBroadcast() {
    Tensor q = OpCheck.randn(1, 3, 2, 4, 4), k = OpCheck.randn(2, 1, 2, 5, 4), v = OpCheck.randn(3, 1, 2, 5, 4);
    Tensor out = Functional.scaledDotProductAttention(q, k, v, mask(5, 4, 5));
    assertArrayEquals(new int[] {3, 2, 4, 4}, out.shape());
  }

  @Test
  void badShapesAreRejected() {
    Tensor q = OpCheck.randn(1, 2, 3, 4), k = OpCheck.randn(2, 2, 5, 3);
    assertThrows(IllegalArgumentException.class, () -> Functional.scaledDotProductAttention(q, k, k, null));
    Tensor k2 = OpCheck.randn(2, 2, 5, 4);
    assertThrows(IllegalArgumentException.class, () -> Functional.scaledDotProductAttention(q, k2, k2, mask(1, 3, 4)));
  }
}
