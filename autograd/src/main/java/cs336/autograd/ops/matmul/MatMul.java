package cs336.autograd.ops.matmul;

import cs336.autograd.Op;
import cs336.autograd.Tensor;
import cs336.engine.NDArray;

/**
 * y = a @ b for a [..., m, k] and b [..., k, n] (batch dimensions broadcast; both of rank >= 2).
 * dA = dY @ b^T and dB = a^T @ dY, where the transposes are stride swaps, not copies. When one
 * operand is a plain matrix shared by the whole batch (a Linear weight), its gradient is computed
 * as one GEMM over all rows instead of one per batch entry summed afterwards.
 */
public final class MatMul extends Op {
  private NDArray a;
  private NDArray b;

  public static Tensor apply(Tensor a, Tensor b) {
    if (a.rank() < 2 || b.rank() < 2) throw new IllegalArgumentException("MatMul needs rank >= 2 operands");
    MatMul op = new MatMul();
    op.a = a.data();
    op.b = b.data();
    return op.output(a.data().matmul(b.data()), a, b);
  }

  @Override
  protected NDArray[] backward(NDArray g) {
    NDArray da = null, db = null;
    if (needsGrad(0)) {
      da = g.matmul(b.transpose(-1, -2));
    }
    if (needsGrad(1)) {
      if (b.rank() == 2 && a.rank() > 2) {
        // [rows, k]^T @ [rows, n]: one GEMM reduces over every batch row at once
        int k = a.shape(-1), n = g.shape(-1);
        NDArray rows = a.reshape(-1, k), gRows = g.reshape(-1, n);
        if (b.stride(0) == 1 && b.stride(1) != 1) {
          // b is a transposed weight (x @ W^T): write dB in W's own row order, so that the
          // gradient reaching W after the transpose is contiguous
          db = gRows.transpose(0, 1).matmul(rows).transpose(0, 1);
        } else {
          db = rows.transpose(0, 1).matmul(gRows);
        }
      } else {
        db = a.transpose(-1, -2).matmul(g);
      }
    }
    return new NDArray[] {da, db};
  }

  @Override
  protected void release() {
    a = null;
    b = null;
  }
}
