package cs336.nn.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.nn.Rng;
import cs336.nn.layers.KvCache;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KV cache against full re-runs, greedy decoding, top-p, stop tokens. */
class DecodingTest {
  static final TransformerConfig CONFIG = TransformerConfig.of(17, 8, 16, 2, 2, 24, 10_000f);

  @Test
  void kvCacheLogitsEqualAFullRerun() {
    for (TransformerConfig cfg : List.of(CONFIG, CONFIG.withRope(false).withNorm(TransformerConfig.Norm.POST))) {
      TransformerLM model = new TransformerLM(cfg, 3);
      long[] ids = {3, 1, 4, 1, 5, 9, 2, 6};
      try (NoGrad ignored = NoGrad.enter()) {
        NDArray full = model.forward(Tensor.ofLongs(ids, 1, 8)).data();
        KvCache cache = model.newCache(1);
        NDArray prefill = model.forward(Tensor.ofLongs(new long[] {3, 1, 4}, 1, 3), cache).data();
        AllClose.check("prefill", full.narrow(1, 0, 3), prefill, 1e-5, 1e-4);
        for (int t = 3; t < 8; t++) {
          NDArray step = model.forward(Tensor.ofLongs(new long[] {ids[t]}, 1, 1), cache).data();
          AllClose.check("position " + t, full.narrow(1, t, 1), step, 1e-5, 1e-4);
        }
        assertEquals(8, cache.length());
      }
    }
  }

  @Test
  void cachedAndUncachedGenerationAgreeAcrossTheContextLimit() {
    TransformerLM model = new TransformerLM(CONFIG, 4);
    int[] prompt = {1, 2, 3};
    for (float temperature : new float[] {0f, 0.8f}) {
      Decoding.Options cached = new Decoding.Options(20, temperature, 0.9f, -1, 7, true);
      Decoding.Options rerun = new Decoding.Options(20, temperature, 0.9f, -1, 7, false);
      List<Integer> streamed = new ArrayList<>();
      int[] a = Decoding.generate(model, prompt, cached, streamed::add);
      int[] b = Decoding.generate(model, prompt, rerun, t -> { });
      assertEquals(20, a.length);                                // 23 tokens: the window slid past 8
      assertArrayEquals(b, a);
      assertEquals(streamed, java.util.Arrays.stream(a).boxed().toList());
    }
  }

  @Test
  void temperatureTowardZeroIsGreedy() {
    TransformerLM model = new TransformerLM(CONFIG, 5);
    int[] prompt = {4, 4, 2};
    int[] greedy = Decoding.generate(model, prompt, 6, 0f, 1f, -1, 1);
    for (long seed = 0; seed < 3; seed++) {
      assertArrayEquals(greedy, Decoding.generate(model, prompt, 6, 1e-5f, 1f, -1, seed));
    }
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor logits = model.forward(Tensor.ofLongs(new long[] {4, 4, 2}, 1, 3)).select(1, 2).select(0, 0);
      assertEquals((int) logits.argmax(0, false).data().getLong(), greedy[0]);
    }
  }

  @Test
  void stopTokenEndsGenerationAndIsNotReturned() {
    TransformerLM model = new TransformerLM(CONFIG, 5);
    int[] greedy = Decoding.generate(model, new int[] {1}, 5, 0f, 1f, -1, 1);
    int[] stopped = Decoding.generate(model, new int[] {1}, 5, 0f, 1f, greedy[2], 1);
    int firstStop = 0;
    while (greedy[firstStop] != greedy[2]) firstStop++;
    assertArrayEquals(java.util.Arrays.copyOf(greedy, firstStop), stopped);
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    float[] probs = {0.5f, 0.125f, 0.25f, 0.125f};
    assertArrayEquals(new Integer[] {0}, Sampling.nucleus(probs, 0.5f));
    assertArrayEquals(new Integer[] {0, 2}, Sampling.nucleus(probs, 0.75f));
    assertArrayEquals(new Integer[] {0, 2, 1}, Sampling.nucleus(probs, 0.76f));     // ties: lower index first
    assertArrayEquals(new Integer[] {0, 2, 1, 3}, Sampling.nucleus(probs, 1f));
  }

  @Test
  void samplingDrawsOnlyFromTheNucleusInProportion() {
    Tensor logits = Tensor.of(NDArray.of(new float[] {0.5f, 0.125f, 0.25f, 0.125f}).log());
    Rng rng = new Rng(11);
    int[] counts = new int[4];
    for (int i = 0; i < 3000; i++) counts[Sampling.sample(logits, 1f, 0.75f, rng)]++;
    assertEquals(0, counts[1] + counts[3]);
    double share = counts[0] / 3000.0;                           // 0.5 / 0.75 renormalised
    assertTrue(Math.abs(share - 2.0 / 3) < 0.03, "share of token 0: " + share);
  }
}
