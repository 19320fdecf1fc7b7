package cs336.engine;

import java.util.Arrays;

/**
 * The shape logic behind {@link NDArray}'s reductions and matmul: which dimensions are reduced,
 * how batch dimensions broadcast, how a broadcast gradient sums back down. The arithmetic itself
 * is the device's {@link Kernels}.
 */
final class ArrayMath {
  private ArrayMath() {}

  static NDArray reduce(NDArray x, ReduceOp op, int[] dims, boolean keepdim) {
    int rank = x.rank();
    int[] shape = x.shape();
    boolean[] reduced = new boolean[rank];
    for (int dim : dims) reduced[Shapes.dim(dim, rank)] = true;
    int[] keep = shape.clone();
    int n = 0;
    for (int d = 0; d < rank; d++) {
      if (reduced[d]) keep[d] = 1; else n++;
    }
    NDArray out = x.newZeros(keep);
    x.kernels().reduce(op, x, out);
    if (keepdim) return out;
    int[] s = new int[n];
    for (int d = 0, i = 0; d < rank; d++) if (!reduced[d]) s[i++] = shape[d];
    return out.view(s);
  }

  static NDArray argmax(NDArray x, int dim, boolean keepdim) {
    int d = Shapes.dim(dim, x.rank());
    int[] keep = x.shape();
    if (keep[d] == 0) {
      throw new IllegalArgumentException("argmax over the empty dimension " + dim + " of " + Shapes.str(x.shape()));
    }
    keep[d] = 1;
    NDArray out = NDArray.zeros(x.device(), DType.INT64, keep);
    x.kernels().argmax(x, d, out);
    return keepdim ? out : out.squeeze(d);
  }

  static NDArray sumTo(NDArray x, int[] target) {
    int[] shape = x.shape();
    if (Arrays.equals(shape, target)) return x;
    if (!Shapes.broadcastsTo(target, shape)) {
      throw new IllegalArgumentException("shape " + Shapes.str(target) + " does not broadcast to " + Shapes.str(shape));
    }
    int lead = shape.length - target.length;
    int[] dims = new int[shape.length];
    int n = 0;
    for (int d = 0; d < shape.length; d++) {
      if (d < lead || (target[d - lead] == 1 && shape[d] != 1)) dims[n++] = d;
    }
    return x.reduce(ReduceOp.SUM, Arrays.copyOf(dims, n), true).view(target);
  }

  static NDArray matmul(NDArray left, NDArray right) {
    left.sameDevice(right);
    if (left.dtype() != DType.FLOAT32 || right.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("matmul needs float32 arrays, got " + left.dtype() + " and " + right.dtype());
    }
    NDArray a = left.rank() == 1 ? left.unsqueeze(0) : left;
    NDArray b = right.rank() == 1 ? right.unsqueeze(1) : right;
    if (a.rank() < 2 || b.rank() < 2) throw new IllegalArgumentException("matmul needs arrays of rank >= 1");
    int m = a.shape(-2), k = a.shape(-1), k2 = b.shape(-2), n = b.shape(-1);
    if (k != k2) {
      throw new IllegalArgumentException("matmul shapes " + Shapes.str(left.shape()) + " and " + Shapes.str(right.shape())
          + " disagree on the inner dimension (" + k + " vs " + k2 + ")");
    }
    int[] batch = Shapes.broadcast(Arrays.copyOf(a.shape(), a.rank() - 2), Arrays.copyOf(b.shape(), b.rank() - 2));
    int nb = batch.length;
    int[] outShape = Arrays.copyOf(batch, nb + 2), aShape = outShape.clone(), bShape = outShape.clone();
    outShape[nb] = m;
    outShape[nb + 1] = n;
    aShape[nb] = m;
    aShape[nb + 1] = k;
    bShape[nb] = k;
    bShape[nb + 1] = n;
    NDArray out = NDArray.zeros(a.device(), DType.FLOAT32, outShape);
    a.kernels().matmul(a.expand(aShape), b.expand(bShape), out, false);
    if (right.rank() == 1) out = out.squeeze(-1);
    if (left.rank() == 1) out = out.squeeze(out.rank() == 1 ? 0 : -2);
    return out;
  }
}
