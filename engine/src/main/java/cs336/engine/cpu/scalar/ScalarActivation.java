package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.NDArray;
import cs336.engine.cpu.Loop;

/**
 * SiLU (handout eq. 5) and the SwiGLU gate silu(a) * b (eq. 6), forward and backward, elementwise
 * over any same-shape strided arrays. Backward uses
 * silu'(x) = s + x s (1 - s) = s (1 + x (1 - s)), s = sigmoid(x).
 */
final class ScalarActivation {
  private ScalarActivation() {}

  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  static void silu(NDArray x, NDArray out) {
    float[] xv = floats(x), ov = floats(out);
    Loop loop = Loop.over(out, x);
    int so = loop.innerStride(0), sx = loop.innerStride(1);
    loop.forAll(ScalarElementwise.GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) {
        float v = xv[o[1] + i * sx];
        ov[o[0] + i * so] = v * sigmoid(v);
      }
    });
  }

  static void siluBackward(NDArray x, NDArray dOut, NDArray dx) {
    float[] xv = floats(x), gv = floats(dOut), dv = floats(dx);
    Loop loop = Loop.over(dx, x, dOut);
    int sd = loop.innerStride(0), sx = loop.innerStride(1), sg = loop.innerStride(2);
    loop.forAll(ScalarElementwise.GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) {
        float v = xv[o[1] + i * sx], s = sigmoid(v);
        dv[o[0] + i * sd] = gv[o[2] + i * sg] * s * (1f + v * (1f - s));
      }
    });
  }

  static void swiglu(NDArray a, NDArray b, NDArray out) {
    float[] av = floats(a), bv = floats(b), ov = floats(out);
    Loop loop = Loop.over(out, a, b);
    int so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2);
    loop.forAll(ScalarElementwise.GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) {
        float v = av[o[1] + i * sa];
        ov[o[0] + i * so] = v * sigmoid(v) * bv[o[2] + i * sb];
      }
    });
  }

  static void swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db) {
    float[] av = floats(a), bv = floats(b), gv = floats(dOut), dav = floats(da), dbv = floats(db);
    Loop loop = Loop.over(da, db, a, b, dOut);
    int sda = loop.innerStride(0), sdb = loop.innerStride(1), sa = loop.innerStride(2), sb = loop.innerStride(3);
    int sg = loop.innerStride(4);
    loop.forAll(ScalarElementwise.GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) {
        float v = av[o[2] + i * sa], s = sigmoid(v), g = gv[o[4] + i * sg];
        dav[o[0] + i * sda] = g * bv[o[3] + i * sb] * s * (1f + v * (1f - s));
        dbv[o[1] + i * sdb] = g * v * s;
      }
    });
  }
}
