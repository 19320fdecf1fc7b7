package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.nn.Init;
import cs336.nn.Module;
import cs336.nn.Parameter;
import java.util.random.RandomGenerator;

/**
 * Token embedding (handout section 3.4.3): row {@code id} of a [vocab_size, d_model] matrix for
 * each token id, initialised N(0, 1) truncated at +-3. Typical: vocab 10,000, d_model 512.
 */
public final class Embedding extends Module {
  private final int vocabSize;
  private final int dModel;
  private final Parameter weight;

  public Embedding(int vocabSize, int dModel, RandomGenerator rng) {
    this(vocabSize, dModel, rng, 1.0);
  }

  /** An embedding initialised with standard deviation {@code std} (tied LM heads use the Linear std). */
  public Embedding(int vocabSize, int dModel, RandomGenerator rng, double std) {
    this.vocabSize = vocabSize;
    this.dModel = dModel;
    this.weight = parameter("weight", Init.truncatedNormal(rng, std, vocabSize, dModel));
  }

  /** int64 ids [...] in [0, vocab_size) -> [..., d_model]. */
  public Tensor forward(Tensor ids) {
    Layers.checkIds("Embedding token ids", ids);
    return Tensor.embedding(weight.tensor(), ids);
  }

  /** The matrix, [vocab_size, d_model]. */
  public Parameter weight() {
    return weight;
  }

  public int vocabSize() {
    return vocabSize;
  }

  public int dModel() {
    return dModel;
  }
}
