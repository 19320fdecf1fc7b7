package cs336.engine.cuda;

/**
 * The deferred error word the index kernels write (common.cuh: {@code err[0..2] = code, value,
 * limit}) turned into the exception the CPU kernels throw for the same bad input, with the same
 * words ("token id 1234 out of range [0, 1000)").
 */
final class CudaErrors {
  private CudaErrors() {}

  static final int TOKEN_ID = 1;
  static final int GATHER_INDEX = 2;
  static final int SCATTER_INDEX = 3;
  static final int TARGET = 4;

  /** The exception for error word {@code (code, value, limit)}, or null when code is 0. */
  static IllegalArgumentException toException(long code, long value, long limit) {
    if (code == 0) return null;
    String what = switch ((int) code) {
      case TOKEN_ID -> "token id";
      case GATHER_INDEX -> "gather index";
      case SCATTER_INDEX -> "scatter index";
      case TARGET -> "cross-entropy target";
      default -> "index (kernel error code " + code + ")";
    };
    return new IllegalArgumentException(what + " " + value + " out of range [0, " + limit + ")");
  }
}
