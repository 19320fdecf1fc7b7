package cs336.experiments.train;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.nn.data.Batches;
import cs336.nn.data.TokenDataset;
import cs336.nn.layers.TransformerLM;
import java.util.ArrayList;
import java.util.List;

/**
 * The validation loss on a fixed set of batches, the same ones at every measurement so that the
 * curve shows the model changing, not the sample: {@code batches x batchSize} windows of
 * {@code contextLength + 1} tokens whose starts are spread evenly over the whole validation file
 * (the first at 0, the last at its end), read once.
 */
final class Validation {
  private final List<Batches.Batch> batches;

  private Validation(List<Batches.Batch> batches) {
    this.batches = batches;
  }

  /** The fixed batches of {@code data}, on {@code device}. */
  static Validation of(TokenDataset data, int batches, int batchSize, int contextLength, Device device) {
    long lastStart = data.size() - contextLength - 1;
    if (lastStart < 0) {
      throw new IllegalArgumentException("validation data " + data + " is shorter than one window of "
          + (contextLength + 1) + " tokens");
    }
    int windows = batches * batchSize;
    List<Batches.Batch> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      long[] x = new long[batchSize * contextLength], y = new long[batchSize * contextLength];
      for (int i = 0; i < batchSize; i++) {
        int w = b * batchSize + i;
        long start = windows == 1 ? 0 : Math.round((double) w * lastStart / (windows - 1));
        long[] tokens = data.read(start, contextLength + 1);
        System.arraycopy(tokens, 0, x, i * contextLength, contextLength);
        System.arraycopy(tokens, 1, y, i * contextLength, contextLength);
      }
      out.add(new Batches.Batch(Tensor.of(NDArray.ofLongs(x, batchSize, contextLength).to(device)),
          Tensor.of(NDArray.ofLongs(y, batchSize, contextLength).to(device))));
    }
    return new Validation(out);
  }

  /** The mean cross-entropy (nats per token) of {@code model} over the fixed batches. */
  double loss(TransformerLM model) {
    double sum = 0;
    try (NoGrad ignored = NoGrad.enter()) {
      for (Batches.Batch b : batches) sum += model.loss(b.x(), b.y()).item();
    }
    return sum / batches.size();
  }
}
