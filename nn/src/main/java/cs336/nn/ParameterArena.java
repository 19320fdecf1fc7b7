package cs336.nn;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All parameters of a model in one allocation, and all their gradients in another (llm.c's
 * layout): parameter {@code i} is the slice {@code [offset_i, offset_i + numel_i)} of
 * {@link #params()}, and its gradient the same slice of {@link #grads()}. Zeroing every gradient is
 * one fill; AdamW is one fused kernel call per run of trainable parameters (usually one run: the
 * whole arena); the global gradient norm is one reduction.
 *
 * <p>{@link #pack} copies each parameter's current values into the arena and re-points the
 * parameter at its slice; from then on the parameter's tensor is a view of the arena and its
 * gradient accumulates in place into the gradient arena.
 */
public final class ParameterArena {
  /** One parameter's place in the arena. */
  public record Slot(String key, Parameter parameter, int offset, int numel) {}

  /** A range {@code [offset, offset + length)} of consecutive trainable parameters. */
  public record Run(int offset, int length) {}

  private final NDArray params;
  private final NDArray grads;
  private final List<Slot> slots;
  private final Map<String, Slot> byKey;

  private ParameterArena(NDArray params, NDArray grads, List<Slot> slots) {
    this.params = params;
    this.grads = grads;
    this.slots = Collections.unmodifiableList(slots);
    Map<String, Slot> m = new LinkedHashMap<>();
    for (Slot s : slots) m.put(s.key(), s);
    this.byKey = Collections.unmodifiableMap(m);
  }

  /**
   * Moves {@code named} parameters (state-dict key to parameter, in arena order) into one new
   * arena on {@code device}, copying their values; gradients start at zero.
   */
  public static ParameterArena pack(Map<String, Parameter> named, Device device) {
    long total = 0;
    for (Parameter p : named.values()) total += p.numel();
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a parameter arena holds at most 2^31-1 floats, the model has " + total);
    }
    NDArray params = NDArray.zeros(device, DType.FLOAT32, (int) total);
    NDArray grads = NDArray.zeros(device, DType.FLOAT32, (int) total);
    List<Slot> slots = new ArrayList<>();
    int at = 0;
    for (Map.Entry<String, Parameter> e : named.entrySet()) {
      Parameter p = e.getValue();
      int n = p.numel();
      NDArray view = params.narrow(0, at, n).view(p.shape());
      view.copyFrom(p.data().to(device));
      p.moveTo(view, grads.narrow(0, at, n).view(p.shape()), e.getKey());
      slots.add(new Slot(e.getKey(), p, at, n));
      at += n;
    }
    return new ParameterArena(params, grads, slots);
  }

  /** Every parameter's values, flat (shared with the parameters' tensors). */
  public NDArray params() {
    return params;
  }

  /** Every parameter's gradient, flat (the buffer backward accumulates into). */
  public NDArray grads() {
    return grads;
  }

  /** The number of floats (parameters) in the arena. */
  public int size() {
    return params.numel();
  }

  /** The parameters in arena order. */
  public List<Slot> slots() {
    return slots;
  }

  /** The slot of state-dict key {@code key}, or null. */
  public Slot slot(String key) {
    return byKey.get(key);
  }

  /** Sets every gradient to zero (one fill over the gradient arena). */
  public void zeroGrad() {
    grads.fill(0);
  }

  /**
   * The maximal ranges of consecutive trainable parameters: the whole arena when nothing is frozen.
   * Optimizers and clipping work run by run, so frozen parameters are skipped.
   */
  public List<Run> trainableRuns() {
    List<Run> runs = new ArrayList<>();
    int start = -1, end = -1;
    for (Slot s : slots) {
      if (!s.parameter().trainable()) continue;
      if (start >= 0 && s.offset() == end) {
        end += s.numel();
      } else {
        if (start >= 0) runs.add(new Run(start, end - start));
        start = s.offset();
        end = start + s.numel();
      }
    }
    if (start >= 0) runs.add(new Run(start, end - start));
    return runs;
  }

  /** True while every parameter still points into this arena (no newer arena took them over). */
  public boolean isCurrent() {
    for (Slot s : slots) {
      if (s.parameter().data().storage() != params.storage()) return false;
    }
    return true;
  }
}
