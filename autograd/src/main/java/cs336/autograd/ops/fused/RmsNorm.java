package cs336.autograd.ops.fused;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/**
 * RMSNorm over the last dimension, one fused kernel each way (handout eq. 4; derivation in
 * docs/rmsnorm.md): y = x * rstd * weight, rstd = 1 / sqrt(mean(x^2) + eps). Forward saves only
 * rstd (one float per row) besides the inputs. Composite twin: {@link Composites#rmsNorm}.
 */
public final class RmsNorm extends Op {
  private NDArray x;
  private NDArray weight;
  private NDArray rstd;

  public static Tensor apply(Tensor x, Tensor weight, float eps) {
    int C = x.shape(-1);
    if (weight.rank() != 1 || weight.shape(0) != C) {
      throw new IllegalArgumentException("rmsNorm weight must be [" + C + "] for input " + Shapes.str(x.shape())
          + ", got " + Shapes.str(weight.shape()));
    }
    RmsNorm op = new RmsNorm();
    op.x = x.data().contiguous();
    op.weight = weight.data().contiguous();
    NDArray out = op.x.newZeros(x.shape());
    op.rstd = op.x.newZeros(Arrays.copyOf(x.shape(), x.rank() - 1));
    op.x.kernels().rmsNorm(op.x, op.weight, eps, out, op.rstd);
    return op.output(out, x, weight);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray dx = x.newZeros(x.shape());
    NDArray dWeight = x.newZeros(weight.shape());
    x.kernels().rmsNormBackward(x, weight, rstd, g.contiguous(), dx, dWeight);
    return new NDArray[] {dx, dWeight};
  }

  @Override
  protected void release() {
    x = null;
    weight = null;
    rstd = null;
  }
}
