package cs336.engine.cpu.simd;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.simd.VectorMath.F;
import static cs336.engine.cpu.simd.VectorMath.L;

import cs336.engine.AdamWStep;
import cs336.engine.NDArray;
import cs336.engine.cpu.Split;
import jdk.incubator.vector.FloatVector;

/** AdamW (handout Algorithm 1) over flat contiguous arrays, vectorised and split over threads. */
final class SimdAdamW {
  private SimdAdamW() {}

  static void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step) {
    float[] p = floats(param), g = floats(grad), mv = floats(m), vv = floats(v);
    int po = param.offset(), go = grad.offset(), mo = m.offset(), vo = v.offset();
    float b1 = step.beta1(), b2 = step.beta2(), eps = step.eps();
    float alphaT = (float) step.alphaT(), decay = step.lr() * step.weightDecay();
    FloatVector vb1 = FloatVector.broadcast(F, b1), vc1 = FloatVector.broadcast(F, 1f - b1);
    FloatVector vb2 = FloatVector.broadcast(F, b2), vc2 = FloatVector.broadcast(F, 1f - b2);
    FloatVector veps = FloatVector.broadcast(F, eps), va = FloatVector.broadcast(F, alphaT);
    FloatVector vd = FloatVector.broadcast(F, decay);
    Split.forRange(param.numel(), 1 << 16, (start, end) -> {
      int i = start;
      for (; i + L <= end; i += L) {
        FloatVector gi = FloatVector.fromArray(F, g, go + i);
        FloatVector mi = FloatVector.fromArray(F, mv, mo + i).mul(vb1).add(gi.mul(vc1));
        FloatVector vi = FloatVector.fromArray(F, vv, vo + i).mul(vb2).add(gi.mul(gi).mul(vc2));
        mi.intoArray(mv, mo + i);
        vi.intoArray(vv, vo + i);
        FloatVector pi = FloatVector.fromArray(F, p, po + i).sub(va.mul(mi).div(vi.sqrt().add(veps)));
        pi.sub(vd.mul(pi)).intoArray(p, po + i);
      }
      for (; i < end; i++) {
        float gi = g[go + i];
        float mi = b1 * mv[mo + i] + (1f - b1) * gi;
        float vi = b2 * vv[vo + i] + (1f - b2) * gi * gi;
        mv[mo + i] = mi;
        vv[vo + i] = vi;
        float pi = p[po + i] - alphaT * mi / ((float) Math.sqrt(vi) + eps);
        p[po + i] = pi - decay * pi;
      }
    });
  }
}
