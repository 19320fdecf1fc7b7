package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.Arrays;

/** Argument checks shared by the layers: one clear message naming the layer and the shapes. */
final class Layers {
  private Layers() {}

  /** Throws unless {@code x} is float32 with last dimension {@code size}. */
  static void checkLast(String what, Tensor x, int size) {
    if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException(what + " must be float32, got " + x.dtype());
    if (x.rank() < 1 || x.shape(-1) != size) {
      throw new IllegalArgumentException(what + " must be [..., " + size + "], got " + Shapes.str(x.shape()));
    }
  }

  /** Throws unless {@code ids} is an int64 tensor. */
  static void checkIds(String what, Tensor ids) {
    if (ids.dtype() != DType.INT64) throw new IllegalArgumentException(what + " must be int64, got " + ids.dtype());
  }

  /** Product of {@code shape}. */
  static int prod(int[] shape) {
    return Shapes.numel(shape);
  }

  /** [0, 1, ..., n-1] + start, as int64 positions on {@code device}. */
  static Tensor positions(int start, int n, Device device) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) p[i] = start + i;
    return Tensor.of(NDArray.ofLongs(p, n).to(device));
  }

  /**
   * Token positions [..., T] broadcast to {@code lead} + [T] and flattened to [B, T] with
   * B = prod(lead); null means 0..T-1 for every row (created on {@code device}).
   */
  static Tensor flatPositions(Tensor positions, int[] lead, int T, Device device) {
    int B = prod(lead);
    if (positions == null) return positions(0, T, device).unsqueeze(0);
    checkIds("token positions", positions);
    int[] full = Arrays.copyOf(lead, lead.length + 1);
    full[lead.length] = T;
    if (!Shapes.broadcastsTo(positions.shape(), full)) {
      throw new IllegalArgumentException("token positions " + Shapes.str(positions.shape()) + " do not broadcast to "
          + Shapes.str(full) + " (the input's leading dimensions and sequence length)");
    }
    if (positions.numel() == T) return Tensor.of(positions.data().reshape(1, T));   // shared by every row
    return Tensor.of(positions.data().expand(full).reshape(B, T));
  }
}
