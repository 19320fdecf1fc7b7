package cs336.nn.data;

import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;
import java.util.random.RandomGenerator;

/**
 * Random training batches (handout section 5.1, get_batch): {@code batchSize} windows of
 * {@code contextLength + 1} consecutive tokens, each starting at a position drawn uniformly from
 * the whole valid range [0, n - contextLength - 1]; x is each window without its last token and
 * y (the targets) without its first, so y[i, j] = x[i, j + 1] and y predicts the token after x.
 */
public final class Batches {
  private Batches() {}

  /** Inputs and targets, int64 [batch, context]. */
  public record Batch(Tensor x, Tensor y) {}

  /** A batch on the CPU. */
  public static Batch getBatch(TokenDataset data, int batchSize, int contextLength, RandomGenerator rng) {
    return getBatch(data, batchSize, contextLength, rng, CpuDevice.CPU);
  }

  /** A batch on {@code device}. */
  public static Batch getBatch(TokenDataset data, int batchSize, int contextLength, RandomGenerator rng, Device device) {
    if (batchSize < 1 || contextLength < 1) {
      throw new IllegalArgumentException("batch size and context length must be positive, got " + batchSize + ", "
          + contextLength);
    }
    long starts = data.size() - contextLength;          // valid starts: 0 .. n - m - 1
    if (starts < 1) {
      throw new IllegalArgumentException(data + " is too short for a window of " + contextLength + " + 1 tokens");
    }
    long[] x = new long[batchSize * contextLength], y = new long[batchSize * contextLength];
    for (int b = 0; b < batchSize; b++) {
      long s = rng.nextLong(starts);                    // uniform over [0, starts), by rejection
      long[] w = data.read(s, contextLength + 1);
      System.arraycopy(w, 0, x, b * contextLength, contextLength);
      System.arraycopy(w, 1, y, b * contextLength, contextLength);
    }
    return new Batch(Tensor.of(NDArray.ofLongs(x, batchSize, contextLength).to(device)),
        Tensor.of(NDArray.ofLongs(y, batchSize, contextLength).to(device)));
  }
}
