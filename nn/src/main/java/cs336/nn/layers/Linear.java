package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.nn.Init;
import cs336.nn.Module;
import cs336.nn.Parameter;
import java.util.random.RandomGenerator;

/**
 * y = x W^T without bias (handout section 3.4.2), W [d_out, d_in] stored as in PyTorch, initialised
 * N(0, 2 / (d_in + d_out)) truncated at +-3 std. Typical: d_in 512, d_out 1344.
 *
 * <p>x may have any leading dimensions, [..., d_in] -> [..., d_out]; the transpose is a stride
 * swap, and the engine runs all rows as one GEMM (forward and both gradients).
 */
public final class Linear extends Module {
  private final int dIn;
  private final int dOut;
  private final Parameter weight;

  public Linear(int dIn, int dOut, RandomGenerator rng) {
    this.dIn = dIn;
    this.dOut = dOut;
    this.weight = parameter("weight", Init.truncatedNormal(rng, Init.linearStd(dIn, dOut), dOut, dIn));
  }

  /** x [..., d_in] -> [..., d_out]. */
  public Tensor forward(Tensor x) {
    Layers.checkLast("Linear input", x, dIn);
    return x.matmul(weight.tensor().transpose(0, 1));
  }

  /** The weight, [d_out, d_in]. */
  public Parameter weight() {
    return weight;
  }

  public int dIn() {
    return dIn;
  }

  public int dOut() {
    return dOut;
  }
}
