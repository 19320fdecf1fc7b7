package cs336.engine;

/** Reductions over one or more dimensions (see {@link Kernels#reduce}). */
public enum ReduceOp {
  /** Sum of the elements (0 for none). */
  SUM,
  /** Sum divided by the count of reduced elements (NaN for none, as in NumPy). */
  MEAN,
  /** Largest element (-inf for none; NaN if any is NaN). */
  MAX,
  /** Smallest element (+inf for none; NaN if any is NaN). */
  MIN
}
