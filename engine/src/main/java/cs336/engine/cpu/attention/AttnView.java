package cs336.engine.cpu.attention;

/**
 * A strided view of a [B, H, T, D] attention operand (queries, keys, values, outputs or their
 * gradients) whose last dimension is contiguous: element {@code (b, h, t, d)} lives at
 * {@code data[offset + b * strideB + h * strideH + t * strideT + d]}.
 *
 * <p>Strides let the kernels read heads straight out of a projection laid out [B, T, H * D]
 * (strideB = T*H*D, strideH = D, strideT = H*D) and write the output back in that layout, so the
 * head split and merge never copy.
 */
public record AttnView(float[] data, int offset, int strideB, int strideH, int strideT) {

  /** A contiguous [B, H, T, D] array. */
  public static AttnView contiguous(float[] data, int H, int T, int D) {
    return new AttnView(data, 0, H * T * D, T * D, D);
  }

  /** Index of element (b, h, t, 0). */
  public int at(int b, int h, int t) {
    return offset + b * strideB + h * strideH + t * strideT;
  }
}
