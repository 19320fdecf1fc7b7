package cs336.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.NDArray;
import org.junit.jupiter.api.Test;

/** The graph machinery: accumulation, freeing, grad mode, deep graphs, printing. */
class BackpropTest {
  @Test
  void aTensorUsedTwiceGetsBothContributions() {
    Tensor x = Tensor.scalar(3).requiresGrad(true);
    x.mul(x).add(x).backward();                     // d(x^2 + x)/dx = 2x + 1
    assertEquals(7f, x.grad().item());
  }

  @Test
  void gradientsAccumulateAcrossBackwardCalls() {
    Tensor x = Tensor.scalar(2).requiresGrad(true);
    x.mul(3f).backward();
    x.mul(3f).backward();
    assertEquals(6f, x.grad().item());
    x.zeroGrad();
    assertEquals(0f, x.grad().item());
  }

  @Test
  void broadcastingIsUndoneForTheSmallerInput() {
    Tensor bias = Tensor.zeros(3).requiresGrad(true);
    Tensor x = Tensor.ones(4, 3);
    x.add(bias).sum().backward();
    assertArrayEquals(new float[] {4, 4, 4}, bias.grad().toFloatArray());
  }

  @Test
  void theGraphIsFreedUnlessRetained() {
    Tensor x = Tensor.scalar(2).requiresGrad(true);
    Tensor y = x.exp();
    y.backward(true);
    y.backward();
    assertEquals(2 * Math.exp(2), x.grad().item(), 1e-4);
    assertTrue(y.gradFn().isFreed());
    var e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("freed"), e.getMessage());
  }

  @Test
  void noGradRecordsNothingAndNests() {
    Tensor x = Tensor.scalar(2).requiresGrad(true);
    try (NoGrad outer = NoGrad.enter()) {
      try (NoGrad inner = NoGrad.enter()) {
        assertFalse(x.mul(2f).requiresGrad());
      }
      assertFalse(GradMode.isEnabled());
    }
    assertTrue(GradMode.isEnabled());
    assertTrue(x.mul(2f).requiresGrad());
  }

  @Test
  void detachCutsTheGraph() {
    Tensor x = Tensor.scalar(2).requiresGrad(true);
    Tensor y = x.mul(x).detach().mul(x);           // only the last factor carries gradient
    y.backward();
    assertEquals(4f, x.grad().item());
  }

  @Test
  void deepGraphsDoNotOverflowTheStack() {
    Tensor x = Tensor.scalar(1).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 20_000; i++) y = y.add(0.001f);
    y.backward();
    assertEquals(1f, x.grad().item());
  }

  @Test
  void onlyLeavesKeepGradientsUnlessAsked() {
    Tensor x = Tensor.scalar(2).requiresGrad(true);
    Tensor h = x.mul(3f);
    Tensor kept = x.mul(5f).retainGrad();
    h.add(kept).mul(2f).backward();
    assertNull(h.grad());
    assertEquals(2f, kept.grad().item());
    assertEquals(16f, x.grad().item());
  }

  @Test
  void gradientsAddIntoAPreallocatedBuffer() {
    NDArray arena = NDArray.zeros(5);
    Tensor w = Tensor.of(new float[] {1, 2}).requiresGrad(true);
    w.setGrad(arena.narrow(0, 1, 2));
    w.mul(w).sum().backward();
    assertArrayEquals(new float[] {0, 2, 4, 0, 0}, arena.toFloatArray());
    assertSame(arena.storage(), w.grad().storage());
  }

  @Test
  void onlyLeavesCanBeMarkedAndOnlyFloats() {
    Tensor x = Tensor.scalar(1).requiresGrad(true);
    assertThrows(IllegalStateException.class, () -> x.exp().requiresGrad(true));
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(new long[] {1}).requiresGrad(true));
    assertThrows(IllegalStateException.class, () -> Tensor.scalar(1).backward());
  }

  @Test
  void toStringShowsValuesAndGradFn() {
    Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
    assertEquals("tensor([1.0000 2.0000], requiresGrad=true)", x.toString());
    assertEquals("tensor([2.0000 4.0000], gradFn=Mul)", x.mul(2f).toString());
    assertEquals("tensor([3 4], dtype=int64)", Tensor.ofLongs(new long[] {3, 4}).toString());
  }

  @Test
  void dotExportNamesOpsAndTensors() {
    Tensor a = Tensor.scalar(2).requiresGrad(true).name("a");
    Tensor b = Tensor.scalar(3).requiresGrad(true).name("b");
    String dot = Graphviz.dot(a.mul(b).add(a));
    assertTrue(dot.startsWith("digraph autograd {"), dot);
    assertTrue(dot.contains("label=\"Mul\"") && dot.contains("label=\"Add\"") && dot.contains("a\\n[]"), dot);
  }
}
