package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;

import cs336.engine.NDArray;
import cs336.engine.cpu.Rows;

/**
 * Softmax and log-softmax along any dimension, one row at a time (a row is the strided line of
 * elements along {@code dim}). The max is subtracted first (handout section 3.5.4), so a row
 * shifted by +100 gives the same probabilities instead of overflowing.
 */
final class ScalarSoftmax {
  private ScalarSoftmax() {}

  private static float rowMax(float[] x, int base, int stride, int len) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < len; j++) max = Math.max(max, x[base + j * stride]);
    return max;
  }

  static void softmax(NDArray x, int dim, NDArray out) {
    float[] xv = floats(x), ov = floats(out);
    int len = x.shape(dim), sx = x.stride(dim), so = out.stride(dim);
    Rows.forEach(dim, ScalarElementwise.GRAIN, b -> {
      float max = rowMax(xv, b[0], sx, len);
      double sum = 0;
      for (int j = 0; j < len; j++) {
        float e = (float) Math.exp(xv[b[0] + j * sx] - max);
        ov[b[1] + j * so] = e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int j = 0; j < len; j++) ov[b[1] + j * so] *= inv;
    }, x, out);
  }

  static void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    float[] yv = floats(y), gv = floats(dy), dv = floats(dx);
    int len = y.shape(dim), sy = y.stride(dim), sg = dy.stride(dim), sd = dx.stride(dim);
    Rows.forEach(dim, ScalarElementwise.GRAIN, b -> {
      double dot = 0;
      for (int j = 0; j < len; j++) dot += (double) yv[b[0] + j * sy] * gv[b[1] + j * sg];
      float d = (float) dot;
      for (int j = 0; j < len; j++) dv[b[2] + j * sd] = yv[b[0] + j * sy] * (gv[b[1] + j * sg] - d);
    }, y, dy, dx);
  }

  static void logSoftmax(NDArray x, int dim, NDArray out) {
    float[] xv = floats(x), ov = floats(out);
    int len = x.shape(dim), sx = x.stride(dim), so = out.stride(dim);
    Rows.forEach(dim, ScalarElementwise.GRAIN, b -> {
      float max = rowMax(xv, b[0], sx, len);
      double sum = 0;
      for (int j = 0; j < len; j++) sum += Math.exp(xv[b[0] + j * sx] - max);
      float shift = max + (float) Math.log(sum);
      for (int j = 0; j < len; j++) ov[b[1] + j * so] = xv[b[0] + j * sx] - shift;
    }, x, out);
  }

  static void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx) {
    float[] yv = floats(y), gv = floats(dy), dv = floats(dx);
    int len = y.shape(dim), sy = y.stride(dim), sg = dy.stride(dim), sd = dx.stride(dim);
    Rows.forEach(dim, ScalarElementwise.GRAIN, b -> {
      double sum = 0;
      for (int j = 0; j < len; j++) sum += gv[b[1] + j * sg];
      float s = (float) sum;
      for (int j = 0; j < len; j++) {
        dv[b[2] + j * sd] = gv[b[1] + j * sg] - (float) Math.exp(yv[b[0] + j * sy]) * s;
      }
    }, y, dy, dx);
  }
}
