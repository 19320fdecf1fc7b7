package cs336.engine;

/**
 * The three numbers that make a view, shape, strides (in elements) and offset, and how each view
 * operation changes them. No data is touched here: {@link NDArray}'s view methods apply these to
 * the same storage.
 */
record Layout(int[] shape, int[] strides, int offset) {

  /** Reorders dimensions: dimension i of the result is dimension {@code dims[i]} of this array. */
  Layout permute(int... dims) {
    if (dims.length != shape.length) {
      throw new IllegalArgumentException("permute of a rank-" + shape.length + " array needs " + shape.length
          + " dimensions, got " + Shapes.str(dims));
    }
    int[] s = new int[dims.length], st = new int[dims.length];
    boolean[] seen = new boolean[dims.length];
    for (int i = 0; i < dims.length; i++) {
      int d = Shapes.dim(dims[i], shape.length);
      if (seen[d]) throw new IllegalArgumentException("permute dimensions repeat: " + Shapes.str(dims));
      seen[d] = true;
      s[i] = shape[d];
      st[i] = strides[d];
    }
    return new Layout(s, st, offset);
  }

  /** Elements {@code start .. start+length-1} along {@code dim}. */
  Layout narrow(int dim, int start, int length) {
    int d = Shapes.dim(dim, shape.length);
    if (start < 0 || length < 0 || start + length > shape[d]) {
      throw new IllegalArgumentException("narrow(" + dim + ", " + start + ", " + length + ") out of range for shape "
          + Shapes.str(shape));
    }
    int[] s = shape.clone();
    s[d] = length;
    return new Layout(s, strides, length == 0 ? offset : offset + start * strides[d]);
  }

  /** Every {@code step}-th element of {@code start .. end-1} along {@code dim}. */
  Layout slice(int dim, int start, int end, int step) {
    if (step < 1) throw new IllegalArgumentException("slice step must be positive, got " + step);
    int d = Shapes.dim(dim, shape.length);
    Layout n = narrow(d, start, end - start);
    int[] s = n.shape, st = n.strides.clone();
    s[d] = (end - start + step - 1) / step;
    st[d] *= step;
    return new Layout(s, st, n.offset);
  }

  /**
   * Broadcasts to {@code newShape} without copying: size-1 dimensions (and new leading ones) get
   * stride 0; -1 keeps a dimension's size.
   */
  Layout expand(int... newShape) {
    if (newShape.length < shape.length) {
      throw new IllegalArgumentException("cannot expand shape " + Shapes.str(shape) + " to fewer dimensions "
          + Shapes.str(newShape));
    }
    int lead = newShape.length - shape.length;
    int[] s = new int[newShape.length], st = new int[newShape.length];
    for (int i = 0; i < newShape.length; i++) {
      int want = newShape[i];
      if (i < lead) {
        if (want < 0) throw new IllegalArgumentException("-1 is not allowed for a new dimension in expand");
        s[i] = want;
        st[i] = 0;
      } else {
        int have = shape[i - lead];
        if (want == -1 || want == have) {
          s[i] = have;
          st[i] = strides[i - lead];
        } else if (have == 1) {
          s[i] = want;
          st[i] = 0;
        } else {
          throw new IllegalArgumentException("cannot expand shape " + Shapes.str(shape) + " to " + Shapes.str(newShape));
        }
      }
    }
    return new Layout(s, st, offset);
  }

  /** Removes every size-1 dimension. */
  Layout squeeze() {
    int n = 0;
    for (int d : shape) if (d != 1) n++;
    int[] s = new int[n], st = new int[n];
    for (int d = 0, i = 0; d < shape.length; d++) {
      if (shape[d] != 1) {
        s[i] = shape[d];
        st[i++] = strides[d];
      }
    }
    return new Layout(s, st, offset);
  }

  /** Removes dimension {@code dim} when its size is 1 (else returns this array, as PyTorch does). */
  Layout squeeze(int dim) {
    int d = Shapes.dim(dim, shape.length);
    if (shape[d] != 1) return this;
    int[] s = new int[shape.length - 1], st = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != d) {
        s[j] = shape[i];
        st[j++] = strides[i];
      }
    }
    return new Layout(s, st, offset);
  }

  /** Inserts a size-1 dimension at {@code dim} (in [-(rank+1), rank]). */
  Layout unsqueeze(int dim) {
    int d = Shapes.dim(dim, shape.length + 1);
    int[] s = new int[shape.length + 1], st = new int[shape.length + 1];
    for (int i = 0, j = 0; i < s.length; i++) {
      if (i == d) {
        s[i] = 1;
        st[i] = d < shape.length ? strides[d] * shape[d] : 1;
      } else {
        s[i] = shape[j];
        st[i] = strides[j++];
      }
    }
    return new Layout(s, st, offset);
  }
}
