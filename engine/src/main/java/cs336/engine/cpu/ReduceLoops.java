package cs336.engine.cpu;

import cs336.engine.NDArray;

/**
 * How a reduction of x to out (keepdim shape) walks its input: {@code kept} visits the output
 * elements (operand 0: out's offsets, operand 1: x's), {@code reduced} visits, relative to each of
 * them, the elements of x that fold into it. Shared by the scalar and SIMD reductions.
 */
public record ReduceLoops(Loop kept, Loop reduced) {

  /** Splits x's dimensions into kept (out has the same size) and reduced (out has 1). */
  public static ReduceLoops of(NDArray x, NDArray out) {
    int rank = x.rank();
    int[] xs = x.shape(), xst = x.strides(), ost = out.strides();
    int nk = 0;
    for (int d = 0; d < rank; d++) if (out.shape(d) == xs[d]) nk++;
    int nr = rank - nk;
    int[] keptShape = new int[nk], keptX = new int[nk], keptOut = new int[nk];
    int[] redShape = new int[nr], redX = new int[nr];
    for (int d = 0, i = 0, j = 0; d < rank; d++) {
      if (out.shape(d) == xs[d]) {
        keptShape[i] = xs[d];
        keptX[i] = xst[d];
        keptOut[i++] = ost[d];
      } else {
        redShape[j] = xs[d];
        redX[j++] = xst[d];
      }
    }
    return new ReduceLoops(
        Loop.of(keptShape, new int[][] {keptOut, keptX}, new int[] {out.offset(), x.offset()}),
        Loop.of(redShape, new int[][] {redX}, new int[] {0}));
  }
}
