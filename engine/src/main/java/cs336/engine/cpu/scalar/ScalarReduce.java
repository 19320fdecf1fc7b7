package cs336.engine.cpu.scalar;

import static cs336.engine.cpu.CpuStorage.floats;
import static cs336.engine.cpu.CpuStorage.longs;

import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.cpu.Loop;
import cs336.engine.cpu.ReduceLoops;
import cs336.engine.cpu.Rows;

/**
 * Reductions: for each output element, walk the reduced sub-array of x and combine. Sums
 * accumulate in double, so this reference is more accurate than any float kernel tested against it.
 */
final class ScalarReduce {
  private ScalarReduce() {}

  static void reduce(ReduceOp op, NDArray x, NDArray out) {
    ReduceLoops loops = ReduceLoops.of(x, out);
    Loop kept = loops.kept(), red = loops.reduced();
    int count = red.size();
    float[] xv = floats(x), ov = floats(out);
    int sko = kept.innerStride(0), skx = kept.innerStride(1);
    kept.forAll(Math.max(1, ScalarElementwise.GRAIN / Math.max(count, 1)), (o, n) -> {
      for (int i = 0; i < n; i++) ov[o[0] + i * sko] = reduceOne(op, xv, o[1] + i * skx, red, count);
    });
  }

  private static float reduceOne(ReduceOp op, float[] x, int base, Loop red, int count) {
    int stride = red.innerStride(0);
    double[] acc = {op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0};
    red.forSegments(0, count, (r, n) -> {
      for (int j = 0; j < n; j++) {
        float v = x[base + r[0] + j * stride];
        switch (op) {
          case SUM, MEAN -> acc[0] += v;
          case MAX -> acc[0] = (v > acc[0] || Float.isNaN(v)) && !Double.isNaN(acc[0]) ? v : acc[0];
          case MIN -> acc[0] = (v < acc[0] || Float.isNaN(v)) && !Double.isNaN(acc[0]) ? v : acc[0];
        }
      }
    });
    return (float) (op == ReduceOp.MEAN ? acc[0] / count : acc[0]);
  }

  static void argmax(NDArray x, int dim, NDArray out) {
    float[] xv = floats(x);
    long[] ov = longs(out);
    int len = x.shape(dim), stride = x.stride(dim);
    Rows.forEach(dim, ScalarElementwise.GRAIN, b -> {
      int best = 0;
      float max = xv[b[0]];
      for (int j = 1; j < len; j++) {
        float v = xv[b[0] + j * stride];
        if (v > max || (Float.isNaN(v) && !Float.isNaN(max))) {
          max = v;
          best = j;
        }
      }
      ov[b[1]] = best;
    }, x, out.expand(x.shape()));
  }
}
