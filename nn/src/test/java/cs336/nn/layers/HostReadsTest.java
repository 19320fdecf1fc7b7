package cs336.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.cpu.StandInDevice;
import cs336.nn.data.Batches;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.TrainingStep;
import org.junit.jupiter.api.Test;

/**
 * On a GPU every read of device memory by the host waits for all queued kernels, so the model
 * must not read back in its forward pass, and a training step must read back only what it reports
 * (the loss, the gradient norm), however deep the model. Counted on a {@link StandInDevice}.
 */
class HostReadsTest {
  static final int VOCAB = 11, CONTEXT = 8;

  static TransformerLM model(StandInDevice d, int layers) {
    return TransformerLM.on(d, TransformerConfig.of(VOCAB, CONTEXT, 8, layers, 2, 12, 10_000f), 3);
  }

  static Tensor ids(StandInDevice d, int batch, int t, int shift) {
    long[] v = new long[batch * t];
    for (int i = 0; i < v.length; i++) v[i] = (i * 7L + shift) % VOCAB;
    return Tensor.of(NDArray.ofLongs(v, batch, t).to(d));
  }

  @Test
  void theForwardPassReadsNothingBack() {
    StandInDevice d = new StandInDevice("stand-in");
    TransformerLM m = model(d, 3);
    Tensor ids = ids(d, 2, CONTEXT, 0);
    long before = d.hostReads();
    m.forward(ids);
    assertEquals(0, d.hostReads() - before, "host reads in one forward pass");
  }

  @Test
  void decodingWithTheKvCacheReadsNothingBack() {
    StandInDevice d = new StandInDevice("stand-in");
    TransformerLM m = model(d, 3);
    KvCache cache = m.newCache(1);
    long before = d.hostReads();
    try (NoGrad ignored = NoGrad.enter()) {
      m.forward(ids(d, 1, 3, 1), cache);                // the prompt
      m.forward(ids(d, 1, 1, 2), cache);                // one more token at position 3
    }
    assertEquals(0, d.hostReads() - before, "host reads while decoding");
  }

  @Test
  void aTrainingStepReadsBackOnlyTheLossAndTheGradientNormWhateverTheDepth() {
    // the loss, and the gradient norm's one partial sum (one per 2^20 gradient elements; these
    // models have fewer): nothing per layer, nothing in the middle of the backward pass
    assertEquals(2, stepReads(1), "host reads of a training step, 1 layer");
    assertEquals(2, stepReads(4), "host reads of a training step, 4 layers");
  }

  static long stepReads(int layers) {
    StandInDevice d = new StandInDevice("stand-in");
    TransformerLM m = model(d, layers);
    TrainingStep step = new TrainingStep(m, new AdamW(m, AdamW.Config.defaults()), 1.0);
    Batches.Batch batch = new Batches.Batch(ids(d, 2, CONTEXT, 0), ids(d, 2, CONTEXT, 1));
    long before = d.hostReads();
    step.run(batch, 1e-3);
    return d.hostReads() - before;
  }
}
