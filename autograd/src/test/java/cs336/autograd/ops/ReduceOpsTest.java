package cs336.autograd.ops;

import static cs336.autograd.OpCheck.check;
import static cs336.autograd.OpCheck.uniform;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import org.junit.jupiter.api.Test;

/** Sums, means, max, softmax and log-softmax over any dimension, against hand-written references. */
class ReduceOpsTest {
  @Test
  void sumOverEveryDimensionAndAll() {
    for (int dim = -3; dim < 3; dim++) {
      int d = dim;
      check(t -> t[0].sum(d, false), uniform(d + 10, -2, 2, 2, 3, 4));
      check(t -> t[0].sum(d, true), uniform(d + 20, -2, 2, 2, 3, 4));
    }
    check(t -> t[0].sum(), t -> Tensor.scalar(t[0].data().sum().item()), uniform(1, -2, 2, 3, 5));
    check(t -> t[0].sum(new int[] {0, 2}, false), uniform(2, -2, 2, 2, 3, 4));
  }

  @Test
  void meanOverDimensions() {
    check(t -> t[0].mean(-1, true), t -> t[0].sum(-1, true).div(4f), uniform(1, -2, 2, 2, 3, 4));
    check(t -> t[0].mean(), uniform(2, -2, 2, 3, 5));
    check(t -> t[0].mean(new int[] {0, 1}, false), uniform(3, -2, 2, 2, 3, 4));
  }

  @Test
  void maxAlongADimension() {
    check(t -> t[0].max(1, false), uniform(1, -2, 2, 3, 5, 2));
    check(t -> t[0].max(-1, true), uniform(2, -2, 2, 4, 6));
    check(t -> t[0].max(), uniform(3, -2, 2, 4, 6));
  }

  @Test
  void maxSplitsTheGradientBetweenTies() {
    Tensor x = Tensor.of(new float[] {1, 3, 3, 2}).requiresGrad(true);
    x.max(0, false).backward();
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0.5f, 0.5f, 0}, x.grad().toFloatArray());
  }

  @Test
  void softmaxAlongEveryDimension() {
    for (int dim = 0; dim < 3; dim++) {
      int d = dim;
      check(t -> t[0].softmax(d), t -> t[0].exp().div(t[0].exp().sum(d, true)), uniform(d, -2, 2, 3, 4, 5));
    }
  }

  @Test
  void softmaxIsShiftInvariantAndStable() {
    Tensor x = uniform(5, -2, 2, 4, 7);
    NDArray shifted = x.data().add(100f).softmax(-1);
    cs336.engine.AllClose.check("softmax(x + 100)", x.data().softmax(-1), shifted, 1e-6, 1e-5);
  }

  @Test
  void logSoftmaxAlongEveryDimension() {
    for (int dim = 0; dim < 3; dim++) {
      int d = dim;
      check(t -> t[0].logSoftmax(d), t -> t[0].softmax(d).log(), uniform(d + 3, -2, 2, 3, 4, 5));
    }
  }
}
