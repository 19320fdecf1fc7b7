package cs336.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;
import cs336.nn.Parameter;
import cs336.nn.ParameterArena;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW on a hand-computed example, the schedule's reference values, clipping, SGD. */
class OptimTest {
  /**
   * theta0 = [1, -2], g1 = [0.5, -1], g2 = [0.1, 0.2], lr 0.1, betas (0.9, 0.999), eps 1e-8, wd 0.01.
   * Step 1: m = 0.1 g1 = [0.05, -0.1], v = 0.001 g1^2 = [2.5e-4, 1e-3], alpha_1 = 0.1 sqrt(0.001) / 0.1
   * = 0.0316228; m / sqrt(v) = [3.16228, -3.16228], so theta = [0.9, -1.9], then * (1 - 0.1 * 0.01)
   * = [0.8991, -1.8981]. Step 2: m = [0.055, -0.07], v = [2.5975e-4, 1.039e-3], alpha_2 =
   * 0.1 sqrt(1 - 0.999^2) / (1 - 0.9^2) = 0.0235317; theta = ([0.8991, -1.8981] - alpha_2 m / sqrt(v))
   * * 0.999 = [0.817977, -1.845150].
   */
  @Test
  void adamwTwoStepsByHand() {
    Parameter p = new Parameter(NDArray.of(new float[] {1f, -2f}));
    Map<String, Parameter> named = new LinkedHashMap<>();
    named.put("theta", p);
    AdamW opt = new AdamW(ParameterArena.pack(named, CpuDevice.CPU), new AdamW.Config(0.1, 0.9, 0.999, 1e-8, 0.01));
    p.grad().copyFrom(NDArray.of(new float[] {0.5f, -1f}));
    opt.step();
    assertArrayEquals(new float[] {0.8991f, -1.8981f}, p.data().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {0.05f, -0.1f}, opt.m().toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {2.5e-4f, 1e-3f}, opt.v().toFloatArray(), 3e-8f);   // 1 - beta2 rounds in float32
    p.grad().copyFrom(NDArray.of(new float[] {0.1f, 0.2f}));
    opt.step();
    assertArrayEquals(new float[] {0.817977f, -1.845150f}, p.data().toFloatArray(), 2e-6f);
    assertEquals(2, opt.stepCount());
  }

  @Test
  void adamwSkipsFrozenParameters() {
    Parameter a = new Parameter(NDArray.of(new float[] {1f, 1f})), b = new Parameter(NDArray.of(new float[] {1f}));
    Map<String, Parameter> named = new LinkedHashMap<>();
    named.put("a", a);
    named.put("b", b);
    b.setTrainable(false);
    AdamW opt = new AdamW(ParameterArena.pack(named, CpuDevice.CPU), AdamW.Config.defaults());
    a.grad().fill(1);
    opt.step();
    assertEquals(1f, b.data().item());                              // not even weight decay touches it
    assertEquals(1 - 1e-3f - 1e-4f, a.data().get(0), 1e-5f);
  }

  /** tests/test_optimizer.py's values: max 1, min 0.1, warmup 7, cycle 21. */
  @Test
  void cosineScheduleReferenceValues() {
    double[] expected = {0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714,
        0.7142857142857143, 0.8571428571428571, 1.0, 0.9887175604818206, 0.9554359905560885, 0.9018241671106134,
        0.8305704108364301, 0.7452476826029011, 0.6501344202803414, 0.55, 0.44986557971965857, 0.3547523173970989,
        0.26942958916356996, 0.19817583288938662, 0.14456400944391146, 0.11128243951817937, 0.1, 0.1, 0.1, 0.1};
    CosineSchedule s = new CosineSchedule(1, 0.1, 7, 21);
    for (int it = 0; it < expected.length; it++) assertEquals(expected[it], s.at(it), 1e-12, "it " + it);
  }

  @Test
  void clippingScalesToTheMaxNormAndIgnoresFrozen() {
    Tensor a = Tensor.zeros(2).requiresGrad(true), b = Tensor.zeros(1).requiresGrad(true);
    Tensor frozen = Tensor.zeros(1).requiresGrad(true), none = Tensor.zeros(3).requiresGrad(true);
    a.setGrad(NDArray.of(new float[] {3f, 0f}));
    b.setGrad(NDArray.of(new float[] {4f}));
    frozen.setGrad(NDArray.of(new float[] {100f}));
    frozen.requiresGrad(false);
    double norm = GradClipping.clip(List.of(a, b, frozen, none), 1.0);
    assertEquals(5.0, norm, 1e-6);
    float s = (float) (1.0 / (5.0 + 1e-6));
    assertArrayEquals(new float[] {3 * s, 0}, a.grad().toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {4 * s}, b.grad().toFloatArray(), 1e-7f);
    assertEquals(100f, frozen.grad().item());
    assertNull(none.grad());
    assertEquals(1.0, GradClipping.clip(List.of(a, b), 2.0), 1e-6);   // under the max: unchanged
    assertArrayEquals(new float[] {3 * s, 0}, a.grad().toFloatArray(), 1e-7f);
  }

  @Test
  void clippingTheArenaEqualsClippingTheList() {
    Parameter a = new Parameter(NDArray.zeros(3)), b = new Parameter(NDArray.zeros(2));
    Map<String, Parameter> named = new LinkedHashMap<>();
    named.put("a", a);
    named.put("b", b);
    ParameterArena arena = ParameterArena.pack(named, CpuDevice.CPU);
    arena.grads().copyFrom(NDArray.of(new float[] {1, 2, 3, 4, 5}));
    assertEquals(Math.sqrt(55), GradClipping.clip(arena, 1.0), 1e-5);
    assertEquals(1.0, GradClipping.globalNorm(List.of(arena.grads())), 1e-5);
  }

  /** The handout's toy: SGD on mean(w^2) with lr/sqrt(t+1); the loss falls for lr 1 and 10. */
  @Test
  void sgdFollowsTheDecayingStep() {
    Tensor w = Tensor.of(NDArray.of(new float[] {2f})).requiresGrad(true);
    SGD opt = new SGD(List.of(w), 1.0);
    for (int t = 0; t < 3; t++) {
      opt.zeroGrad();
      w.mul(w).sum().backward();
      float before = w.data().item();
      opt.step();
      assertEquals(before - 1.0 / Math.sqrt(t + 1) * 2 * before, w.data().item(), 1e-5);
    }
  }
}
