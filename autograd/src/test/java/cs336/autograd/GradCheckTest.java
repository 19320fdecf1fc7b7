package cs336.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.NDArray;
import org.junit.jupiter.api.Test;

/** The checkers must catch a wrong backward and a wrong forward, or every op test is toothless. */
class GradCheckTest {
  /** y = x^2 with a deliberately wrong derivative (x instead of 2x). */
  static final class WrongSquare extends Op {
    private NDArray x;

    static Tensor apply(Tensor t) {
      WrongSquare op = new WrongSquare();
      op.x = t.data();
      return op.output(t.data().mul(t.data()), t);
    }

    @Override
    protected NDArray[] backward(NDArray g) {
      return new NDArray[] {g.mul(x)};
    }
  }

  @Test
  void aWrongBackwardFailsWithTheWorstElement() {
    Tensor x = OpCheck.uniform(1, 0.5f, 2, 3, 4);
    AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.check(t -> WrongSquare.apply(t[0]), x));
    assertTrue(e.getMessage().contains("gradient of input 0") && e.getMessage().contains("worst at"), e.getMessage());
  }

  @Test
  void aWrongForwardFailsAgainstItsReference() {
    Tensor x = OpCheck.uniform(2, 0.5f, 2, 5);
    assertThrows(AssertionError.class, () -> OpCheck.check(t -> t[0].exp(), OpCheck.elementwise(Math::sinh), x));
  }

  @Test
  void aCorrectOpPasses() {
    GradCheck.check(t -> t[0].mul(t[0]), OpCheck.uniform(3, 0.5f, 2, 3, 4));
  }
}
