package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.CpuStorage.longs;

import cs336.engine.NDArray;
import cs336.engine.Storage;
import cs336.engine.cpu.Loop;

/** Embedding lookup and its scatter-add backward, and torch-style gather / scatter_add. */
final class ScalarIndex {
  private ScalarIndex() {}

  static int checkedIndex(long id, int size, String what) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException(what + " " + id + " out of range [0, " + size + ")");
    }
    return (int) id;
  }

  /** ids [...] -> out [..., C] rows of weight [V, C]. */
  static void embedding(NDArray weight, NDArray ids, NDArray out) {
    float[] w = floats(weight), o = floats(out);
    long[] id = longs(ids);
    int V = weight.shape(0), C = weight.shape(1), ws = weight.stride(1), os = out.stride(-1);
    int wr = weight.stride(0);
    if (C == 0 || ids.numel() == 0) return;
    Loop loop = Loop.over(ids, out.select(-1, 0));
    int si = loop.innerStride(0), sr = loop.innerStride(1);
    loop.forAll(Math.max(1, ScalarElementwise.GRAIN / Math.max(C, 1)), (b, n) -> {
      for (int i = 0; i < n; i++) {
        int row = checkedIndex(id[b[0] + i * si], V, "token id");
        int src = weight.offset() + row * wr, dst = b[1] + i * sr;
        if (ws == 1 && os == 1) {
          System.arraycopy(w, src, o, dst, C);          // the usual case: one row copy
        } else {
          for (int c = 0; c < C; c++) o[dst + c * os] = w[src + c * ws];
        }
      }
    });
  }

  /** dWeight[ids[...], :] += dOut[..., :], in order (repeated ids add up). */
  static void embeddingBackward(NDArray ids, NDArray dOut, NDArray dWeight) {
    float[] g = floats(dOut), dw = floats(dWeight);
    long[] id = longs(ids);
    int V = dWeight.shape(0), C = dWeight.shape(1), ws = dWeight.stride(1), gs = dOut.stride(-1);
    int wr = dWeight.stride(0);
    if (C == 0 || ids.numel() == 0) return;
    Loop loop = Loop.over(ids, dOut.select(-1, 0));
    int si = loop.innerStride(0), sr = loop.innerStride(1);
    loop.forSegments(0, loop.size(), (b, n) -> {
      for (int i = 0; i < n; i++) {
        int row = checkedIndex(id[b[0] + i * si], V, "token id");
        int dst = dWeight.offset() + row * wr, src = b[1] + i * sr;
        for (int c = 0; c < C; c++) dw[dst + c * ws] += g[src + c * gs];
      }
    });
  }

  /** {@code a} seen with {@code index}'s shape: same strides, stride 0 along {@code dim}. */
  static NDArray alongIndex(NDArray a, int dim, NDArray index) {
    int[] st = a.strides();
    st[dim] = 0;
    Storage s = a.storage();
    int[] shape = index.shape();
    for (int d = 0; d < shape.length; d++) {
      if (d != dim && shape[d] > a.shape(d)) {
        throw new IllegalArgumentException("index shape " + cs336.engine.Shapes.str(shape) + " exceeds "
            + cs336.engine.Shapes.str(a.shape()) + " outside dimension " + dim);
      }
    }
    return new NDArray(s, shape, st, a.offset());
  }

  static void gather(NDArray x, int dim, NDArray index, NDArray out) {
    float[] xv = floats(x), ov = floats(out);
    long[] iv = longs(index);
    int size = x.shape(dim), step = x.stride(dim);
    Loop loop = Loop.over(out, index, alongIndex(x, dim, index));
    int so = loop.innerStride(0), si = loop.innerStride(1), sx = loop.innerStride(2);
    loop.forAll(ScalarElementwise.GRAIN, (b, n) -> {
      for (int i = 0; i < n; i++) {
        int j = checkedIndex(iv[b[1] + i * si], size, "gather index");
        ov[b[0] + i * so] = xv[b[2] + i * sx + j * step];
      }
    });
  }

  static void scatterAdd(NDArray dst, int dim, NDArray index, NDArray src) {
    float[] dv = floats(dst), sv = floats(src);
    long[] iv = longs(index);
    int size = dst.shape(dim), step = dst.stride(dim);
    Loop loop = Loop.over(src, index, alongIndex(dst, dim, index));
    int ss = loop.innerStride(0), si = loop.innerStride(1), sd = loop.innerStride(2);
    loop.forSegments(0, loop.size(), (b, n) -> {
      for (int i = 0; i < n; i++) {
        int j = checkedIndex(iv[b[1] + i * si], size, "scatter index");
        dv[b[2] + i * sd + j * step] += sv[b[0] + i * ss];
      }
    });
  }
}
