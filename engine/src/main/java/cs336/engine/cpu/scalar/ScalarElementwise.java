package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.CpuStorage.longs;

import cs336.engine.BinaryOp;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.UnaryOp;
import cs336.engine.cpu.Loop;

/**
 * Copy, fill and the elementwise kernels, one element at a time over {@link Loop} segments. All
 * operands have the output's shape (broadcast inputs arrive as stride-0 views).
 */
final class ScalarElementwise {
  /** Elements per parallel chunk: below this, threads cost more than they save. */
  static final int GRAIN = 1 << 15;

  private ScalarElementwise() {}

  static void copy(NDArray src, NDArray dst) {
    Loop loop = Loop.over(dst, src);
    int sd = loop.innerStride(0), ss = loop.innerStride(1);
    if (src.dtype() == DType.FLOAT32 && dst.dtype() == DType.FLOAT32) {
      float[] d = floats(dst), s = floats(src);
      loop.forAll(GRAIN, (o, n) -> {
        for (int i = 0; i < n; i++) d[o[0] + i * sd] = s[o[1] + i * ss];
      });
    } else if (src.dtype() == DType.INT64 && dst.dtype() == DType.INT64) {
      long[] d = longs(dst), s = longs(src);
      loop.forAll(GRAIN, (o, n) -> {
        for (int i = 0; i < n; i++) d[o[0] + i * sd] = s[o[1] + i * ss];
      });
    } else if (src.dtype() == DType.INT64) {
      float[] d = floats(dst);
      long[] s = longs(src);
      loop.forAll(GRAIN, (o, n) -> {
        for (int i = 0; i < n; i++) d[o[0] + i * sd] = s[o[1] + i * ss];
      });
    } else {
      long[] d = longs(dst);
      float[] s = floats(src);
      loop.forAll(GRAIN, (o, n) -> {
        for (int i = 0; i < n; i++) d[o[0] + i * sd] = (long) s[o[1] + i * ss];
      });
    }
  }

  static void fill(NDArray dst, double value) {
    Loop loop = Loop.over(dst);
    int sd = loop.innerStride(0);
    if (dst.dtype() == DType.FLOAT32) {
      float[] d = floats(dst);
      float v = (float) value;
      loop.forAll(GRAIN, (o, n) -> {
        for (int i = 0; i < n; i++) d[o[0] + i * sd] = v;
      });
    } else {
      long[] d = longs(dst);
      long v = (long) value;
      loop.forAll(GRAIN, (o, n) -> {
        for (int i = 0; i < n; i++) d[o[0] + i * sd] = v;
      });
    }
  }

  static void unary(UnaryOp op, NDArray x, NDArray out) {
    float[] xs = floats(x), os = floats(out);
    Loop loop = Loop.over(out, x);
    int so = loop.innerStride(0), sx = loop.innerStride(1);
    loop.forAll(GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) os[o[0] + i * so] = op.apply(xs[o[1] + i * sx]);
    });
  }

  static void binary(BinaryOp op, NDArray a, NDArray b, NDArray out) {
    float[] as = floats(a), bs = floats(b), os = floats(out);
    Loop loop = Loop.over(out, a, b);
    int so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2);
    loop.forAll(GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) os[o[0] + i * so] = op.apply(as[o[1] + i * sa], bs[o[2] + i * sb]);
    });
  }

  static void binaryScalar(BinaryOp op, NDArray a, float s, NDArray out) {
    float[] as = floats(a), os = floats(out);
    Loop loop = Loop.over(out, a);
    int so = loop.innerStride(0), sa = loop.innerStride(1);
    loop.forAll(GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) os[o[0] + i * so] = op.apply(as[o[1] + i * sa], s);
    });
  }

  static void where(NDArray cond, NDArray a, NDArray b, NDArray out) {
    float[] cs = floats(cond), as = floats(a), bs = floats(b), os = floats(out);
    Loop loop = Loop.over(out, cond, a, b);
    int so = loop.innerStride(0), sc = loop.innerStride(1), sa = loop.innerStride(2), sb = loop.innerStride(3);
    loop.forAll(GRAIN, (o, n) -> {
      for (int i = 0; i < n; i++) {
        os[o[0] + i * so] = cs[o[1] + i * sc] != 0f ? as[o[2] + i * sa] : bs[o[3] + i * sb];
      }
    });
  }
}
