package cs336.experiments.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerConfig.Ffn;
import cs336.nn.layers.TransformerConfig.Norm;
import cs336.nn.layers.TransformerLM;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accounting formula against the parameters a real {@link TransformerLM} allocates, for the
 * handout's model and every ablation that changes the count (and two that do not).
 */
class ParameterCountTest {

  @Test
  void formulaMatchesAnInstantiatedModel() {
    TransformerConfig small = TransformerConfig.of(1_000, 64, 96, 3, 4, 256, 10_000f);
    List<TransformerConfig> configs = List.of(
        TransformerConfig.tinyStories(),
        small,
        small.withNorm(Norm.NONE),
        small.withNorm(Norm.POST),
        small.withRope(false),
        small.withFfn(Ffn.SILU, 4 * 96),
        small.withTiedEmbeddings(true),
        small.withNorm(Norm.NONE).withFfn(Ffn.SILU, 384).withTiedEmbeddings(true),
        TransformerConfig.of(50, 16, 8, 0, 2, 8, 10_000f));
    for (TransformerConfig c : configs) {
      long real = new TransformerLM(c, 0).arena().size();
      assertEquals(real, TransformerCosts.parameterCount(ModelShape.of("test", c)), c::toString);
    }
    assertEquals(22_696_448, new TransformerLM(TransformerConfig.tinyStories(), 0).arena().size());
  }
}
