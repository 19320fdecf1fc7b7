package cs336.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.CosineSchedule;
import cs336.nn.optim.GradClipping;
import org.junit.jupiter.api.Test;

/**
 * The whole training path (embedding, blocks, head, fused cross-entropy, backward into the
 * gradient arena, clipping, scheduled AdamW) must be able to memorise one batch: the loss falls
 * from about ln(vocab) = 3.5 to below 0.1 within a few hundred steps.
 */
class OverfitTest {
  @Test
  void smallModelMemorisesOneBatch() {
    TransformerConfig config = TransformerConfig.of(32, 16, 32, 2, 2, 64, 10_000f);
    TransformerLM model = new TransformerLM(config, 1);
    AdamW opt = new AdamW(model, new AdamW.Config(1e-2, 0.9, 0.95, 1e-8, 0.0));
    CosineSchedule schedule = new CosineSchedule(1e-2, 1e-3, 10, 300);
    Rng rng = new Rng(2);
    long[] x = new long[4 * 16], y = new long[4 * 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(32);
      y[i] = rng.nextInt(32);
    }
    Tensor inputs = Tensor.of(NDArray.ofLongs(x, 4, 16)), targets = Tensor.of(NDArray.ofLongs(y, 4, 16));
    float first = Float.NaN, loss = Float.NaN;
    int step = 0;
    for (; step < 300; step++) {
      opt.zeroGrad();
      Tensor l = model.forward(inputs).crossEntropy(targets);
      loss = l.item();
      if (step == 0) first = loss;
      if (loss < 0.1f) break;
      l.backward();
      GradClipping.clip(model.arena(), 1.0);
      opt.setLr(schedule.at(step));
      opt.step();
    }
    float start = first, end = loss;
    int steps = step;
    assertTrue(Math.abs(start - Math.log(32)) < 0.7, "initial loss " + start);
    assertTrue(end < 0.1f, "loss after " + steps + " steps: " + end);
    System.out.printf("overfit: loss %.3f -> %.4f in %d steps%n", start, end, steps);
  }
}
