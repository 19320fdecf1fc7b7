package cs336.experiments.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The formulas against numbers worked out by hand from the handout's definitions. */
class CostsTest {

  @Test
  void gpt2XlHasTheHandoutsParameterCount() {
    // 2·V·d + L·(4d² + 3·d·d_ff + 2d) + d with V 50,257, d 1,600, L 48, d_ff 6,400
    long expected = 2L * 50_257 * 1_600 + 48L * (4L * 1_600 * 1_600 + 3L * 1_600 * 6_400 + 2 * 1_600) + 1_600;
    assertEquals(2_127_057_600L, expected);
    assertEquals(expected, TransformerCosts.parameterCount(ModelShape.gpt2Xl()));
  }

  @Test
  void tinyStoriesModelMatchesTheCountOfThePyTorchBaseline() {
    // bench/torch_baseline.py prints "parameters": 22696448 for the same model.
    assertEquals(22_696_448L, TransformerCosts.parameterCount(ModelShape.tinyStories()));
  }

  @Test
  void gpt2SmallAsOpenAiBuiltItIs124M() {
    // GPT-2 ties its LM head to the embeddings and uses a 2-matrix MLP; with those switches the
    // formula gives its matrices and gains; its learned positions (1,024·768) and its biases and
    // LayerNorm shifts (12·(3·768 + 768 + 3,072 + 768 + 2·768) + 768) make up the rest of its
    // well-known 124,439,808.
    ModelShape openAi = ModelShape.gpt2Small().withTiedEmbeddings(true).withFfn(ModelShape.Ffn.SILU);
    long matricesAndGains = TransformerCosts.parameterCount(openAi);
    long positions = 1_024L * 768;
    long biasesAndShifts = 12L * (3 * 768 + 768 + 3_072 + 768 + 2 * 768) + 768;
    assertEquals(124_439_808L, matricesAndGains + positions + biasesAndShifts);
  }

  @Test
  void ablationSwitchesChangeTheCountByTheirMatrices() {
    ModelShape m = ModelShape.tinyStories();
    long full = TransformerCosts.parameterCount(m);
    assertEquals(full - 4L * 512 * 1_344, TransformerCosts.parameterCount(m.withFfn(ModelShape.Ffn.SILU)));
    assertEquals(full - 10_000L * 512, TransformerCosts.parameterCount(m.withTiedEmbeddings(true)));
    assertEquals(full - (2L * 4 * 512 + 512), TransformerCosts.parameterCount(m.withRmsnorm(false)));
  }

  @Test
  void gpt2XlForwardFlopsByComponent() {
    List<Term> f = TransformerCosts.forwardFlops(ModelShape.gpt2Xl());
    assertEquals(48L * 8 * 1_024 * 1_600 * 1_600, f.get(0).value());     // projections
    assertEquals(48L * 2 * 1_024 * 1_024 * 1_600, f.get(1).value());     // Q·Kᵀ
    assertEquals(48L * 6 * 1_024 * 1_600 * 6_400, f.get(3).value());     // SwiGLU
    assertEquals(2L * 1_024 * 1_600 * 50_257, f.get(4).value());         // LM head
    assertEquals(4_513_336_524_800L, Term.total(f));
    double sum = f.stream().mapToDouble(t -> t.fractionOf(f)).sum();
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void attentionScoresGrowQuadraticallyWithContext() {
    ModelShape xl = ModelShape.gpt2Xl();
    List<Term> shortCtx = TransformerCosts.forwardFlops(xl);
    List<Term> longCtx = TransformerCosts.forwardFlops(xl.withContextLength(16_384));
    assertEquals(16L * 16 * shortCtx.get(1).value(), longCtx.get(1).value());
    assertEquals(16L * shortCtx.get(0).value(), longCtx.get(0).value());
  }

  @Test
  void adamwMemoryAndMaxBatchForGpt2Xl() {
    ModelShape xl = ModelShape.gpt2Xl();
    long p = 2_127_057_600L;
    assertEquals(16 * p, TrainingCosts.fixedBytes(xl));
    // per sequence: L·(8·T·d + 2·H·T² + 4·T·d_ff) + T·d + 2·T·V floats (SwiGLU)
    long a = 48L * (8L * 1_024 * 1_600 + 2L * 25 * 1_024 * 1_024 + 4L * 1_024 * 6_400) + 1_024L * 1_600 + 2L * 1_024 * 50_257;
    assertEquals(4 * a, TrainingCosts.bytesPerSequence(xl));
    assertEquals(Term.total(TrainingCosts.memoryBytes(xl, 3)), 16 * p + 3 * 4 * a);
    long budget = 80_000_000_000L;
    long max = TrainingCosts.maxBatch(xl, budget);
    assertEquals((budget - 16 * p) / (4 * a), max);
    assertEquals(2, max);
    assertEquals(0, TrainingCosts.maxBatch(xl, 16 * p - 1));
  }

  @Test
  void trainingStepAndTimeOnAnH100() {
    ModelShape xl = ModelShape.gpt2Xl();
    assertEquals(14L * 2_127_057_600L, TrainingCosts.optimizerFlops(xl));
    long step = TrainingCosts.stepFlops(xl, 1_024);
    assertEquals(3L * 1_024 * 4_513_336_524_800L + 14L * 2_127_057_600L, step);
    double hours = TrainingCosts.trainingSeconds(xl, 1_024, 400_000, 495e12, 0.5) / 3600;
    assertEquals(400_000.0 * step / 247.5e12 / 3600, hours, 1e-9);
  }

  @Test
  void badShapesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ModelShape.of("x", 10, 8, 30, 1, 4, 8));
    assertThrows(IllegalArgumentException.class, () -> ModelShape.of("x", 0, 8, 32, 1, 4, 8));
  }
}
