package cs336.engine.cpu.simd;

import static cs336.engine.cpu.simd.KernelTwins.check;
import static cs336.engine.cpu.simd.KernelTwins.layouts;
import static cs336.engine.cpu.simd.KernelTwins.sizes;

import cs336.engine.BinaryOp;
import cs336.engine.NDArray;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;
import org.junit.jupiter.api.Test;

/** Elementwise, copy, fill and reduction kernels: SIMD against scalar on awkward sizes and layouts. */
class SimdElementwiseTest {
  private static final double ATOL = 1e-6, RTOL = 2e-6;

  @Test
  void unaryOpsOnEverySizeAndLayout() {
    for (int n : sizes(100_003)) {
      for (KernelTwins.Layout in : layouts(n, 3, n)) {
        for (UnaryOp op : UnaryOp.values()) {
          NDArray x = switch (op) {
            case LOG, SQRT, RSQRT -> in.array().abs().add(0.1f);
            default -> in.array();
          };
          check(op + " n=" + n + " " + in.name(), () -> new NDArray[] {NDArray.zeros(3, n)},
              (k, o) -> k.unary(op, x, o[0]), ATOL, RTOL);
        }
      }
    }
  }

  @Test
  void binaryOpsWithBroadcastOnEitherSide() {
    for (int n : sizes(20_001)) {
      for (KernelTwins.Layout a : layouts(n, 3, n)) {
        NDArray b = KernelTwins.randn(7, 3, n).abs().add(0.5f);
        NDArray row = KernelTwins.randn(8, 1, n).expand(3, n), scalar = KernelTwins.randn(9, 1, 1).expand(3, n);
        for (BinaryOp op : BinaryOp.values()) {
          if (op == BinaryOp.POW) continue;    // covered below with positive bases
          for (NDArray other : new NDArray[] {b, row, scalar}) {
            check(op + " n=" + n + " " + a.name(), () -> new NDArray[] {NDArray.zeros(3, n)},
                (k, o) -> k.binary(op, a.array(), other, o[0]), ATOL, RTOL);
            check(op + " reversed n=" + n + " " + a.name(), () -> new NDArray[] {NDArray.zeros(3, n)},
                (k, o) -> k.binary(op, other, a.array(), o[0]), ATOL, RTOL);
          }
          check(op + " scalar n=" + n + " " + a.name(), () -> new NDArray[] {NDArray.zeros(3, n)},
              (k, o) -> k.binaryScalar(op, a.array(), 0.75f, o[0]), ATOL, RTOL);
        }
        check("pow n=" + n, () -> new NDArray[] {NDArray.zeros(3, n)},
            (k, o) -> k.binary(BinaryOp.POW, b, a.array(), o[0]), ATOL, RTOL);
      }
    }
  }

  @Test
  void inPlaceAddIntoTheFirstOperand() {
    for (int n : sizes(10_001)) {
      NDArray g = KernelTwins.randn(1, n);
      check("a += g n=" + n, () -> new NDArray[] {KernelTwins.randn(2, n)}, (k, o) -> k.binary(BinaryOp.ADD, o[0], g, o[0]),
          ATOL, RTOL);
    }
  }

  @Test
  void whereCopyFill() {
    for (int n : sizes(20_001)) {
      for (KernelTwins.Layout a : layouts(n, 2, n)) {
        NDArray cond = KernelTwins.randn(5, 2, n).gt(0f), b = KernelTwins.randn(6, 1, n).expand(2, n);
        check("where n=" + n + " " + a.name(), () -> new NDArray[] {NDArray.zeros(2, n)},
            (k, o) -> k.where(cond, a.array(), b, o[0]), 0, 0);
        check("copy n=" + n + " " + a.name(), () -> new NDArray[] {NDArray.zeros(2, n)}, (k, o) -> k.copy(a.array(), o[0]), 0, 0);
        check("copy into a transposed view n=" + n + " " + a.name(),
            () -> new NDArray[] {NDArray.zeros(n, 2)}, (k, o) -> k.copy(a.array(), o[0].transpose(0, 1)), 0, 0);
      }
      check("fill n=" + n, () -> new NDArray[] {NDArray.zeros(3, n + 2)}, (k, o) -> k.fill(o[0].narrow(1, 1, n), 2.5), 0, 0);
    }
  }

  @Test
  void reductionsOverRowsColumnsAndEverything() {
    for (int n : sizes(50_001)) {
      for (KernelTwins.Layout x : layouts(n + 11, 4, n)) {
        for (ReduceOp op : ReduceOp.values()) {
          double atol = 2e-6 * Math.sqrt(n) + 1e-6;
          check(op + " over the last dim n=" + n + " " + x.name(), () -> new NDArray[] {NDArray.zeros(4, 1)},
              (k, o) -> k.reduce(op, x.array(), o[0]), atol, 1e-5);
          check(op + " over the first dim n=" + n + " " + x.name(), () -> new NDArray[] {NDArray.zeros(1, n)},
              (k, o) -> k.reduce(op, x.array(), o[0]), 1e-5, 1e-5);
          check(op + " over all n=" + n + " " + x.name(), () -> new NDArray[] {NDArray.zeros(1, 1)},
              (k, o) -> k.reduce(op, x.array(), o[0]), atol * 2, 1e-5);
        }
      }
    }
  }

  @Test
  void columnSumsOfABatch() {
    NDArray g = KernelTwins.randn(3, 5, 7, 33);
    check("sum over batch and time", () -> new NDArray[] {NDArray.zeros(1, 1, 33)},
        (k, o) -> k.reduce(ReduceOp.SUM, g, o[0]), 1e-5, 1e-5);
  }
}
