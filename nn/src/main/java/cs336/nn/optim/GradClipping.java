package cs336.nn.optim;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.nn.ParameterArena;
import java.util.ArrayList;
import java.util.List;

/**
 * Global-norm gradient clipping (handout section 4.5): with ||g||_2 the norm of all gradients
 * together, when ||g||_2 reaches M every gradient is scaled by M / (||g||_2 + eps), eps = 1e-6
 * (PyTorch's value). Frozen parameters and parameters without a gradient are left out of the norm
 * and untouched.
 */
public final class GradClipping {
  private GradClipping() {}

  /** The handout's epsilon. */
  public static final double EPS = 1e-6;

  /** Elements per partial sum: bounds the temporary the squares live in. */
  private static final int CHUNK = 1 << 20;

  /** Clips the gradients of {@code parameters} in place; returns the norm before clipping. */
  public static double clip(Iterable<Tensor> parameters, double maxL2Norm) {
    List<NDArray> grads = new ArrayList<>();
    for (Tensor p : parameters) {
      if (p.requiresGrad() && p.grad() != null) grads.add(p.grad());
    }
    return clipArrays(grads, maxL2Norm);
  }

  /** Clips the trainable parameters' part of {@code arena}'s gradients; returns the norm before clipping. */
  public static double clip(ParameterArena arena, double maxL2Norm) {
    List<NDArray> runs = new ArrayList<>();
    for (ParameterArena.Run r : arena.trainableRuns()) runs.add(arena.grads().narrow(0, r.offset(), r.length()));
    return clipArrays(runs, maxL2Norm);
  }

  /** The L2 norm of all of {@code grads} together. */
  public static double globalNorm(List<NDArray> grads) {
    double sumSq = 0;
    for (NDArray g : grads) {
      NDArray flat = g.reshape(-1);
      for (int at = 0; at < flat.numel(); at += CHUNK) {
        NDArray part = flat.narrow(0, at, Math.min(CHUNK, flat.numel() - at));
        sumSq += part.square().sum().item();          // a float32 partial per chunk, summed in double
      }
    }
    return Math.sqrt(sumSq);
  }

  /** Scales {@code grads} in place to global norm at most {@code maxL2Norm}; returns the norm before. */
  public static double clipArrays(List<NDArray> grads, double maxL2Norm) {
    if (!(maxL2Norm > 0)) throw new IllegalArgumentException("max_l2_norm must be positive, got " + maxL2Norm);
    double norm = globalNorm(grads);
    double scale = maxL2Norm / (norm + EPS);           // as torch.nn.utils.clip_grad_norm_: only ever shrinks
    if (scale < 1) {
      for (NDArray g : grads) g.mulInPlace((float) scale);
    }
    return norm;
  }
}
