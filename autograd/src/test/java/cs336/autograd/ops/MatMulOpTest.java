package cs336.autograd.ops;

import static cs336.autograd.OpCheck.check;
import static cs336.autograd.OpCheck.uniform;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** matmul in every shape combination, forward against a double-precision triple loop. */
class MatMulOpTest {
  /** Reference: NumPy matmul semantics computed in double on the host. */
  static Function<Tensor[], Tensor> naive() {
    return t -> {
      NDArray a = t[0].data(), b = t[1].data();
      boolean av = a.rank() == 1, bv = b.rank() == 1;
      if (av) a = a.unsqueeze(0);
      if (bv) b = b.unsqueeze(1);
      int m = a.shape(-2), k = a.shape(-1), n = b.shape(-1);
      int[] batch = cs336.engine.Shapes.broadcast(java.util.Arrays.copyOf(a.shape(), a.rank() - 2),
          java.util.Arrays.copyOf(b.shape(), b.rank() - 2));
      int nb = cs336.engine.Shapes.numel(batch);
      int[] as = java.util.Arrays.copyOf(batch, batch.length + 2), bs = as.clone(), os = as.clone();
      as[batch.length] = m; as[batch.length + 1] = k;
      bs[batch.length] = k; bs[batch.length + 1] = n;
      os[batch.length] = m; os[batch.length + 1] = n;
      float[] A = a.expand(as).toFloatArray(), B = b.expand(bs).toFloatArray(), O = new float[nb * m * n];
      for (int t0 = 0; t0 < nb; t0++) {
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = 0; p < k; p++) s += (double) A[(t0 * m + i) * k + p] * B[(t0 * k + p) * n + j];
            O[(t0 * m + i) * n + j] = (float) s;
          }
        }
      }
      NDArray out = NDArray.of(O).view(os);
      if (bv) out = out.squeeze(-1);
      if (av) out = out.squeeze(out.rank() == 1 ? 0 : -2);
      return Tensor.of(out);
    };
  }

  @Test
  void matrixTimesMatrix() {
    check(t -> t[0].matmul(t[1]), naive(), uniform(1, -1, 1, 3, 4), uniform(2, -1, 1, 4, 5));
  }

  @Test
  void transposedOperandsComeFromStrides() {
    check(t -> t[0].transpose(0, 1).matmul(t[1].transpose(0, 1)),
        t -> naive().apply(new Tensor[] {t[0].transpose(0, 1), t[1].transpose(0, 1)}), uniform(1, -1, 1, 4, 3),
        uniform(2, -1, 1, 5, 4));
  }

  @Test
  void batchedWithBroadcasting() {
    check(t -> t[0].matmul(t[1]), naive(), uniform(1, -1, 1, 2, 3, 4), uniform(2, -1, 1, 4, 5));      // shared rhs
    check(t -> t[0].matmul(t[1].transpose(0, 1)),                                                      // Linear: x W^T
        t -> naive().apply(new Tensor[] {t[0], t[1].transpose(0, 1)}), uniform(7, -1, 1, 2, 3, 4), uniform(8, -1, 1, 5, 4));
    check(t -> t[0].matmul(t[1]), naive(), uniform(3, -1, 1, 3, 4), uniform(4, -1, 1, 2, 4, 5));      // shared lhs
    check(t -> t[0].matmul(t[1]), naive(), uniform(5, -1, 1, 2, 1, 3, 4), uniform(6, -1, 1, 3, 4, 2)); // both
  }

  @Test
  void vectors() {
    check(t -> t[0].matmul(t[1]), naive(), uniform(1, -1, 1, 4), uniform(2, -1, 1, 4));
    check(t -> t[0].matmul(t[1]), naive(), uniform(3, -1, 1, 4), uniform(4, -1, 1, 2, 4, 3));
    check(t -> t[0].matmul(t[1]), naive(), uniform(5, -1, 1, 2, 3, 4), uniform(6, -1, 1, 4));
  }

  @Test
  void emptyInnerDimensionGivesZeros() {
    NDArray out = NDArray.zeros(3, 0).matmul(NDArray.zeros(0, 2));
    cs336.engine.AllClose.check("empty k", NDArray.zeros(3, 2), out, 0, 0);
  }
}
