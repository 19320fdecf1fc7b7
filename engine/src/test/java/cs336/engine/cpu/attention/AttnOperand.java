package cs336.engine.cpu.attention;

import java.util.Arrays;
import java.util.Random;

/**
 * One [B, H, T, D] attention operand for tests, either contiguous or laid out like a projection
 * output [B, T, H * D] with a gap of {@link #GAP} floats after each row and an offset, so that a
 * kernel reading or writing outside the view is caught: every float outside the view is NaN.
 */
final class AttnOperand {
  static final int GAP = 3, OFFSET = 2;

  final int B, H, T, D;
  final float[] data;
  final AttnView view;

  private AttnOperand(int B, int H, int T, int D, float[] data, AttnView view) {
    this.B = B;
    this.H = H;
    this.T = T;
    this.D = D;
    this.data = data;
    this.view = view;
  }

  static AttnOperand contiguous(int B, int H, int T, int D) {
    float[] data = new float[B * H * T * D];
    return new AttnOperand(B, H, T, D, data, AttnView.contiguous(data, H, T, D));
  }

  /** Heads interleaved in rows of H * D + GAP floats, as q/k/v come out of a [B, T, H*D] projection. */
  static AttnOperand projection(int B, int H, int T, int D) {
    int row = H * D + GAP;
    float[] data = new float[OFFSET + B * T * row];
    Arrays.fill(data, Float.NaN);
    return new AttnOperand(B, H, T, D, data, new AttnView(data, OFFSET, T * row, D, row));
  }

  static AttnOperand of(boolean projection, int B, int H, int T, int D) {
    return projection ? projection(B, H, T, D) : contiguous(B, H, T, D);
  }

  AttnOperand random(Random rnd) {
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int t = 0; t < T; t++) {
          for (int d = 0; d < D; d++) data[view.at(b, h, t) + d] = (float) rnd.nextGaussian();
        }
      }
    }
    return this;
  }

  /** The view's elements in [B, H, T, D] order. */
  float[] values() {
    float[] out = new float[B * H * T * D];
    int n = 0;
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int t = 0; t < T; t++) {
          System.arraycopy(data, view.at(b, h, t), out, n, D);
          n += D;
        }
      }
    }
    return out;
  }

  /** Index of the first float outside the view that is not NaN any more, or -1. */
  int firstTouchedGap() {
    boolean[] inside = new boolean[data.length];
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int t = 0; t < T; t++) Arrays.fill(inside, view.at(b, h, t), view.at(b, h, t) + D, true);
      }
    }
    for (int i = 0; i < data.length; i++) {
      if (!inside[i] && !Float.isNaN(data[i])) return i;
    }
    return -1;
  }
}
