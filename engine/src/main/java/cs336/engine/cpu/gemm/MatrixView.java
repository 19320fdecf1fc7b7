package cs336.engine.cpu.gemm;

/**
 * A strided matrix inside a float array: element {@code (i, j)} is
 * {@code data[off + i * rowStride + j * colStride]}. Swapping the strides transposes it.
 */
record MatrixView(float[] data, int off, int rowStride, int colStride) {

  /** The array index of element {@code (i, j)}. */
  int index(int i, int j) {
    return off + i * rowStride + j * colStride;
  }

  /** The same matrix with rows and columns exchanged (no copy). */
  MatrixView transpose() {
    return new MatrixView(data, off, colStride, rowStride);
  }

  /** The view of the sub-matrix whose element (0, 0) is this one's {@code (i, j)}. */
  MatrixView shift(int i, int j) {
    return new MatrixView(data, index(i, j), rowStride, colStride);
  }
}
