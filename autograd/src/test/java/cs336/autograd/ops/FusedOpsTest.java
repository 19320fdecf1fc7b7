package cs336.autograd.ops;

import static cs336.autograd.OpCheck.check;
import static cs336.autograd.OpCheck.uniform;

import cs336.autograd.GradCheck;
import cs336.autograd.Tensor;
import cs336.autograd.ops.fused.Composites;
import org.junit.jupiter.api.Test;

/** Every fused op against its composite twin, forward and backward, and by GradCheck. */
class FusedOpsTest {
  @Test
  void rmsNorm() {
    check(t -> t[0].rmsNorm(t[1], 1e-5f), t -> Composites.rmsNorm(t[0], t[1], 1e-5f),
        uniform(1, -2, 2, 2, 3, 8), uniform(2, 0.5f, 1.5f, 8));
    check(t -> t[0].transpose(0, 1).rmsNorm(t[1], 1e-5f), t -> Composites.rmsNorm(t[0].transpose(0, 1), t[1], 1e-5f),
        uniform(3, -2, 2, 5, 3), uniform(4, 0.5f, 1.5f, 5));
  }

  @Test
  void silu() {
    check(t -> t[0].silu(), t -> Composites.silu(t[0]), uniform(1, -4, 4, 3, 7));
  }

  @Test
  void swiglu() {
    check(t -> Tensor.swiglu(t[0], t[1]), t -> Composites.swiglu(t[0], t[1]), uniform(1, -3, 3, 3, 7),
        uniform(2, -3, 3, 3, 7));
  }

  @Test
  void ropeWithSharedAndPerBatchPositions() {
    Tensor pos = Tensor.ofLongs(new long[] {0, 1, 2, 7, 5});
    check(t -> t[0].rope(pos, 10000f), t -> Composites.rope(t[0], pos.expand(2, 5), 10000f), uniform(1, -1, 1, 2, 5, 8));
    Tensor perBatch = Tensor.ofLongs(new long[] {3, 1, 4, 1, 5, 9}, 2, 1, 3);
    check(t -> t[0].rope(perBatch, 100f), t -> Composites.rope(t[0], perBatch.expand(2, 2, 3), 100f),
        uniform(2, -1, 1, 2, 2, 3, 4));
  }

  @Test
  void crossEntropy() {
    Tensor targets = Tensor.ofLongs(new long[] {0, 4, 2, 2, 1, 3}, 2, 3);
    check(t -> t[0].crossEntropy(targets), t -> Composites.crossEntropy(t[0], targets), uniform(1, -3, 3, 2, 3, 5));
  }

  @Test
  void crossEntropyIsStableForHugeLogits() {
    Tensor targets = Tensor.ofLongs(new long[] {1, 0});
    Tensor logits = Tensor.of(new float[] {1000, 1001, -1000, 5000}, 2, 2);
    float loss = logits.crossEntropy(targets).item();
    // row 0: log(1 + e^-1) = 0.31326, row 1: 6000
    org.junit.jupiter.api.Assertions.assertEquals((0.3132617 + 6000) / 2, loss, 1e-3);
  }

  @Test
  void attentionCausalAndFull() {
    for (boolean causal : new boolean[] {true, false}) {
      check(t -> Tensor.scaledDotProductAttention(t[0], t[1], t[2], causal),
          t -> Composites.attention(t[0], t[1], t[2], causal),
          uniform(1, -1, 1, 2, 2, 5, 4), uniform(2, -1, 1, 2, 2, 5, 4), uniform(3, -1, 1, 2, 2, 5, 4));
    }
  }

  @Test
  void attentionWithFewerQueriesThanKeysSeesTheCache() {
    check(t -> Tensor.scaledDotProductAttention(t[0], t[1], t[2], true),
        t -> Composites.attention(t[0], t[1], t[2], true),
        uniform(1, -1, 1, 1, 2, 4), uniform(2, -1, 1, 1, 6, 4), uniform(3, -1, 1, 1, 6, 4));
  }

  @Test
  void attentionReadsHeadsFromAProjectionWithoutCopying() {
    // [B, T, H*D] -> view [B, T, H, D] -> transpose to [B, H, T, D]: strided heads
    check(t -> {
      Tensor q = t[0].view(2, 5, 2, 3).transpose(1, 2);
      Tensor k = t[1].view(2, 5, 2, 3).transpose(1, 2);
      Tensor v = t[2].view(2, 5, 2, 3).transpose(1, 2);
      return Tensor.scaledDotProductAttention(q, k, v, true).transpose(1, 2).reshape(2, 5, 6);
    }, t -> {
      Tensor q = t[0].view(2, 5, 2, 3).transpose(1, 2);
      Tensor k = t[1].view(2, 5, 2, 3).transpose(1, 2);
      Tensor v = t[2].view(2, 5, 2, 3).transpose(1, 2);
      return Composites.attention(q, k, v, true).transpose(1, 2).reshape(2, 5, 6);
    }, uniform(1, -1, 1, 2, 5, 6), uniform(2, -1, 1, 2, 5, 6), uniform(3, -1, 1, 2, 5, 6));
  }

  @Test
  void compositesPassTheirOwnGradientCheck() {
    GradCheck.check(t -> Composites.rope(t[0], Tensor.ofLongs(new long[] {2, 3}), 10f), uniform(1, -1, 1, 2, 4));
  }
}
