package cs336.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cs336.autograd.GradCheck;
import cs336.autograd.OpCheck;
import cs336.autograd.Tensor;
import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.nn.Parameter;
import cs336.nn.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The backward of every layer against central differences ({@link GradCheck}: gradients of
 * sum(out * R) for a fixed random R), with respect to its input and every parameter. Sizes are tiny
 * (every element costs two forward passes); the PyTorch fixtures check the values at real sizes.
 */
class LayerGradCheckTest {
  /** Replaces a parameter's values with N(0, 1) draws (e.g. RMSNorm gains start at exactly 1). */
  static void randomize(Parameter p, long seed) {
    p.data().copyFrom(NDArray.randn(new Random(seed), p.shape()));
  }

  /** x, then every parameter of the module's state dict, as GradCheck inputs. */
  static Tensor[] inputs(Tensor x, cs336.nn.Module m) {
    List<Tensor> all = new ArrayList<>();
    if (x != null) all.add(x);
    all.addAll(m.parameters());
    return all.toArray(Tensor[]::new);
  }

  @Test
  void linear() {
    Linear l = new Linear(3, 4, new Rng(1));
    Tensor x = OpCheck.randn(2, 2, 3, 3);
    assertArrayEquals(new int[] {2, 3, 4}, l.forward(x).shape());
    GradCheck.check(t -> l.forward(t[0]), inputs(x, l));
  }

  @Test
  void embeddingWithRepeatedIds() {
    Embedding e = new Embedding(5, 3, new Rng(1));
    Tensor ids = Tensor.ofLongs(new long[] {0, 4, 4, 2, 0, 4}, 2, 3);
    GradCheck.check(t -> e.forward(ids), inputs(null, e));
  }

  @Test
  void rmsNorm() {
    RMSNorm n = new RMSNorm(4);
    randomize(n.weight(), 3);
    GradCheck.check(t -> n.forward(t[0]), inputs(OpCheck.randn(4, 2, 3, 4), n));
  }

  @Test
  void swiglu() {
    SwiGLU f = new SwiGLU(4, 6, new Rng(2));
    GradCheck.check(t -> f.forward(t[0]), inputs(OpCheck.randn(5, 2, 3, 4), f));
  }

  @Test
  void siluFeedForward() {
    SiLUFeedForward f = new SiLUFeedForward(4, 6, new Rng(2));
    GradCheck.check(t -> f.forward(t[0]), inputs(OpCheck.randn(5, 2, 3, 4), f));
  }

  @Test
  void rotaryEmbeddingWithArbitraryPositions() {
    RotaryEmbedding rope = new RotaryEmbedding(10_000f, 4, 16);
    Tensor positions = Tensor.ofLongs(new long[] {3, 0, 15, 7, 7, 1}, 2, 3);   // [batch, seq]
    Tensor x = OpCheck.randn(6, 2, 3, 4);
    GradCheck.check(t -> rope.forward(t[0], positions), x);
    // a pair rotated by angle 0 is unchanged
    Tensor y = rope.forward(x, positions);
    AllClose.check("position 0", x.data().select(0, 0).select(0, 1), y.data().select(0, 0).select(0, 1), 0, 0);
  }

  @Test
  void multiHeadSelfAttentionWithAndWithoutRope() {
    for (boolean withRope : new boolean[] {false, true}) {
      RotaryEmbedding rope = withRope ? new RotaryEmbedding(100f, 4, 8) : null;
      MultiHeadSelfAttention a = new MultiHeadSelfAttention(8, 2, rope, new Rng(3));
      Tensor positions = Tensor.ofLongs(new long[] {2, 3, 5}, 3);
      GradCheck.check(t -> a.forward(t[0], positions), inputs(OpCheck.randn(7, 2, 3, 8), a));
    }
  }

  @Test
  void transformerBlockInEveryNormPlacement() {
    for (TransformerConfig.Norm norm : TransformerConfig.Norm.values()) {
      TransformerConfig c = TransformerConfig.of(7, 4, 8, 1, 2, 12, 100f).withNorm(norm);
      TransformerBlock b = new TransformerBlock(c, new Rng(4));
      if (b.ln1() != null) {
        randomize(b.ln1().weight(), 5);
        randomize(b.ln2().weight(), 6);
      }
      GradCheck.check(t -> b.forward(t[0]), inputs(OpCheck.randn(8, 1, 3, 8), b));
    }
  }

  @Test
  void transformerLmEveryParameter() {
    TransformerConfig c = TransformerConfig.of(7, 4, 8, 1, 2, 12, 100f);
    for (TransformerConfig cfg : List.of(c, c.withTiedEmbeddings(true).withRope(false),
        c.withFfn(TransformerConfig.Ffn.SILU, 16))) {
      TransformerLM lm = new TransformerLM(cfg, 9);
      Tensor ids = Tensor.ofLongs(new long[] {1, 6, 0, 3, 3, 2}, 2, 3);
      GradCheck.check(t -> lm.forward(ids), inputs(null, lm));
    }
  }
}
