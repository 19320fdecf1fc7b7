package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.AdamWStep;
import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import cs336.engine.cpu.Rows;

/** AdamW, the handout's Algorithm 1, one element at a time over flat arrays (or one arena). */
final class ScalarAdamW {
  private ScalarAdamW() {}

  static void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    for (NDArray a : new NDArray[] {param, grad, m, v}) Rows.requireContiguous("adamw operand", a);
    float[] p = floats(param), g = floats(grad), mv = floats(m), vv = floats(v);
    int po = param.offset(), go = grad.offset(), mo = m.offset(), vo = v.offset();
    float b1 = step.beta1(), b2 = step.beta2(), eps = step.eps();
    float alphaT = (float) step.alphaT();
    float decay = step.lr() * step.weightDecay();
    Split.forRange(param.numel(), ScalarElementwise.GRAIN, (start, end) -> {
      for (int i = start; i < end; i++) {
        float gi = g[go + i];
        float mi = b1 * mv[mo + i] + (1f - b1) * gi;               // first moment
        float vi = b2 * vv[vo + i] + (1f - b2) * gi * gi;          // second moment
        mv[mo + i] = mi;
        vv[vo + i] = vi;
        float pi = p[po + i] - alphaT * mi / ((float) Math.sqrt(vi) + eps);   // Adam step
        p[po + i] = pi - decay * pi;                                // decoupled weight decay
      }
    });
  }
}
