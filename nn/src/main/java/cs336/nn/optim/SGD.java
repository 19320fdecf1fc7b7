package cs336.nn.optim;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handout's example optimizer (section 4.2.1): SGD whose step size decays as 1 / sqrt(t + 1),
 * theta_{t+1} = theta_t - lr / sqrt(t + 1) * grad, with t counted per parameter from 0. Used by the
 * learning_rate_tuning problem.
 */
public final class SGD implements Optimizer {
  private final List<Tensor> params;
  private final Map<Tensor, long[]> steps = new IdentityHashMap<>();
  private double lr;

  public SGD(List<Tensor> params, double lr) {
    if (!(lr >= 0)) throw new IllegalArgumentException("invalid learning rate " + lr);
    this.params = new ArrayList<>(params);
    this.lr = lr;
  }

  @Override
  public void step() {
    for (Tensor p : params) {
      NDArray g = p.grad();
      if (!p.requiresGrad() || g == null) continue;
      long[] t = steps.computeIfAbsent(p, k -> new long[1]);
      p.data().addInPlace(g.mul((float) (-lr / Math.sqrt(t[0] + 1))));
      t[0]++;
    }
  }

  @Override
  public void zeroGrad() {
    for (Tensor p : params) p.zeroGrad();
  }

  @Override
  public double lr() {
    return lr;
  }

  @Override
  public void setLr(double value) {
    lr = value;
  }
}
