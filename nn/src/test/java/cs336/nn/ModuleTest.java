package cs336.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.autograd.Tensor;
import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** State-dict keys, strict loading, the parameter arena and frozen parameters. */
class ModuleTest {
  static final TransformerConfig SMALL = TransformerConfig.of(11, 6, 8, 2, 2, 12, 10_000f);

  @Test
  void stateDictKeysAreTheReferenceOnes() {
    List<String> expected = new ArrayList<>(List.of("token_embeddings.weight"));
    for (int i = 0; i < 2; i++) {
      for (String k : List.of("attn.q_proj.weight", "attn.k_proj.weight", "attn.v_proj.weight", "attn.output_proj.weight",
          "ln1.weight", "ffn.w1.weight", "ffn.w2.weight", "ffn.w3.weight", "ln2.weight")) {
        expected.add("layers." + i + "." + k);
      }
    }
    expected.add("ln_final.weight");
    expected.add("lm_head.weight");
    TransformerLM lm = new TransformerLM(SMALL, 1);
    assertEquals(expected, new ArrayList<>(lm.stateDict().keySet()));
    assertEquals(11 * 8 * 2 + 2 * (4 * 64 + 3 * 96 + 16) + 8, lm.numParameters());
  }

  @Test
  void ablationsDropTheirKeys() {
    TransformerLM none = new TransformerLM(SMALL.withNorm(TransformerConfig.Norm.NONE).withTiedEmbeddings(true), 1);
    for (String k : none.stateDict().keySet()) {
      assertTrue(!k.contains("ln") && !k.startsWith("lm_head"), k);
    }
    TransformerLM silu = new TransformerLM(SMALL.withFfn(TransformerConfig.Ffn.SILU, 32), 1);
    assertTrue(!silu.stateDict().containsKey("layers.0.ffn.w3.weight"));
    assertEquals(List.of(32, 8), List.of(silu.stateDict().get("layers.0.ffn.w1.weight").shape()[0], 8));
  }

  @Test
  void loadStateDictIsStrictAndAllOrNothing() {
    TransformerLM a = new TransformerLM(SMALL, 1), b = new TransformerLM(SMALL, 2);
    Map<String, NDArray> state = new LinkedHashMap<>();
    a.stateDict().forEach((k, v) -> state.put(k, v.copy()));
    NDArray before = b.stateDict().get("lm_head.weight").copy();
    state.remove("ln_final.weight");
    state.put("layers.0.attn.q_proj.weight", NDArray.zeros(8, 7));
    state.put("extra.weight", NDArray.zeros(1));
    String msg = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(state)).getMessage();
    assertTrue(msg.contains("missing [ln_final.weight]"), msg);
    assertTrue(msg.contains("unexpected [extra.weight]"), msg);
    assertTrue(msg.contains("layers.0.attn.q_proj.weight has shape [8, 7], the model expects [8, 8]"), msg);
    AllClose.check("untouched", before, b.stateDict().get("lm_head.weight"), 0, 0);

    a.stateDict().forEach((k, v) -> state.put(k, v.copy()));
    state.remove("extra.weight");
    b.loadStateDict(state);
    a.stateDict().forEach((k, v) -> AllClose.check(k, v, b.stateDict().get(k), 0, 0));
  }

  @Test
  void parametersLiveInOneArenaAndGradientsAccumulateThere() {
    TransformerLM lm = new TransformerLM(SMALL, 1);
    ParameterArena arena = lm.arena();
    assertEquals(lm.numParameters(), arena.size());
    for (ParameterArena.Slot s : arena.slots()) {
      assertSame(arena.params().storage(), s.parameter().data().storage(), s.key());
      assertSame(arena.grads().storage(), s.parameter().grad().storage(), s.key());
      assertEquals(s.key(), s.parameter().tensor().name());
    }
    Tensor ids = Tensor.ofLongs(new long[] {1, 2, 3, 4}, 1, 4);
    lm.forward(ids).crossEntropy(ids).backward();
    double norm1 = arena.grads().square().sum().item();
    assertTrue(norm1 > 0);
    lm.forward(ids).crossEntropy(ids).backward();               // accumulates: twice the gradient
    assertEquals(4 * norm1, arena.grads().square().sum().item(), 1e-3 * norm1);
    lm.zeroGrad();
    assertEquals(0f, arena.grads().abs().max().item());
    assertEquals(List.of(new ParameterArena.Run(0, arena.size())), arena.trainableRuns());
  }

  @Test
  void frozenParametersSplitTheTrainableRuns() {
    TransformerLM lm = new TransformerLM(SMALL, 1);
    Parameter frozen = lm.namedParameters().get("layers.0.ln1.weight");
    frozen.setTrainable(false);
    ParameterArena.Slot s = lm.arena().slot("layers.0.ln1.weight");
    assertEquals(List.of(new ParameterArena.Run(0, s.offset()),
        new ParameterArena.Run(s.offset() + s.numel(), lm.arena().size() - s.offset() - s.numel())),
        lm.arena().trainableRuns());
  }

  @Test
  void packingCopiesValuesAndRepointsParameters() {
    TransformerLM lm = new TransformerLM(SMALL, 1);
    NDArray before = lm.stateDict().get("token_embeddings.weight").copy();
    ParameterArena old = lm.arena();
    ParameterArena moved = lm.packInto(cs336.engine.cpu.CpuDevice.CPU);
    assertNotSame(old, moved);
    assertTrue(!old.isCurrent() && moved.isCurrent());
    AllClose.check("values survive", before, lm.stateDict().get("token_embeddings.weight"), 0, 0);
  }

  @Test
  void initialisationFollowsTheHandout() {
    TransformerLM lm = new TransformerLM(TransformerConfig.of(1000, 8, 64, 1, 4, 128, 10_000f), 3);
    NDArray emb = lm.stateDict().get("token_embeddings.weight");
    NDArray w1 = lm.stateDict().get("layers.0.ffn.w1.weight");
    double linStd = Math.sqrt(2.0 / (64 + 128));
    assertEquals(1.0, Math.sqrt(emb.square().mean().item()), 0.03);              // truncation shrinks std by ~1.3%
    assertTrue(emb.abs().max().item() <= 3f);
    assertEquals(linStd, Math.sqrt(w1.square().mean().item()), 0.03 * linStd);
    assertTrue(w1.abs().max().item() <= 3 * linStd + 1e-6);
    assertEquals(1f, lm.stateDict().get("ln_final.weight").min().item());
  }
}
