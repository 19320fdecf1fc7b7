package cs336.autograd.ops;

import static cs336.autograd.OpCheck.check;
import static cs336.autograd.OpCheck.elementwise;
import static cs336.autograd.OpCheck.uniform;

import cs336.autograd.Tensor;
import org.junit.jupiter.api.Test;

/** Every elementwise op: forward against a per-element formula in double, backward by GradCheck. */
class ElementwiseOpsTest {
  @Test
  void add() {
    check(t -> t[0].add(t[1]), elementwise((a, b) -> a + b), uniform(1, -2, 2, 3, 4), uniform(2, -2, 2, 3, 4));
  }

  @Test
  void addBroadcastsBothWays() {
    check(t -> t[0].add(t[1]), elementwise((a, b) -> a + b), uniform(1, -2, 2, 3, 1), uniform(2, -2, 2, 1, 4));
    check(t -> t[0].add(t[1]), elementwise((a, b) -> a + b), uniform(1, -2, 2, 2, 3, 4), uniform(2, -2, 2, 4));
  }

  @Test
  void sub() {
    check(t -> t[0].sub(t[1]), elementwise((a, b) -> a - b), uniform(1, -2, 2, 2, 5), uniform(2, -2, 2, 5));
  }

  @Test
  void mul() {
    check(t -> t[0].mul(t[1]), elementwise((a, b) -> a * b), uniform(1, -2, 2, 2, 5), uniform(2, -2, 2, 2, 1));
  }

  @Test
  void div() {
    check(t -> t[0].div(t[1]), elementwise((a, b) -> a / b), uniform(1, -2, 2, 3, 4), uniform(2, 0.5f, 2, 3, 4));
  }

  @Test
  void scalarArithmetic() {
    check(t -> t[0].mul(3f).add(1f).sub(0.5f).div(2f), elementwise(a -> (a * 3 + 1 - 0.5) / 2), uniform(1, -2, 2, 7));
    check(t -> t[0].rsub(1f), elementwise(a -> 1 - a), uniform(1, -2, 2, 7));
    check(t -> t[0].rdiv(2f), elementwise(a -> 2 / a), uniform(1, 0.5f, 2, 7));
  }

  @Test
  void unaryFunctions() {
    check(t -> t[0].neg(), elementwise(a -> -a), uniform(1, -2, 2, 3, 5));
    check(t -> t[0].exp(), elementwise(Math::exp), uniform(2, -2, 2, 3, 5));
    check(t -> t[0].log(), elementwise(Math::log), uniform(3, 0.5f, 3, 3, 5));
    check(t -> t[0].sqrt(), elementwise(Math::sqrt), uniform(4, 0.5f, 3, 3, 5));
    check(t -> t[0].rsqrt(), elementwise(a -> 1 / Math.sqrt(a)), uniform(5, 0.5f, 3, 3, 5));
    check(t -> t[0].pow(3f), elementwise(a -> a * a * a), uniform(6, -2, 2, 3, 5));
    check(t -> t[0].pow(-1.5f), elementwise(a -> Math.pow(a, -1.5)), uniform(7, 0.5f, 2, 3, 5));
    check(t -> t[0].sigmoid(), elementwise(a -> 1 / (1 + Math.exp(-a))), uniform(8, -4, 4, 3, 5));
    check(t -> t[0].tanh(), elementwise(Math::tanh), uniform(9, -3, 3, 3, 5));
  }

  @Test
  void reluAwayFromTheKink() {
    Tensor x = uniform(1, 0.1f, 2, 4, 4);
    Tensor signs = uniform(2, -1, 1, 4, 4);
    Tensor y = Tensor.of(x.data().mul(signs.data().gt(0f).mul(2f).sub(1f))).requiresGrad(true);
    check(t -> t[0].relu(), elementwise(a -> Math.max(a, 0)), y);
  }

  @Test
  void whereRoutesGradientsByMask() {
    Tensor mask = Tensor.of(uniform(3, 0, 1, 3, 4).data().gt(0.5f));
    check(t -> Tensor.where(mask, t[0], t[1]), uniform(1, -2, 2, 3, 4), uniform(2, -2, 2, 1, 4));
    check(t -> t[0].maskedFill(mask, -7f), uniform(4, -2, 2, 3, 4));
  }

  @Test
  void nonContiguousInputs() {
    check(t -> t[0].transpose(0, 1).mul(t[1]), uniform(1, -2, 2, 4, 3), uniform(2, -2, 2, 3, 4));
    check(t -> t[0].slice(1, 1, 7, 2).exp(), uniform(3, -2, 2, 3, 8));
  }
}
