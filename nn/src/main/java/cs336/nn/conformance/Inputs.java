package cs336.nn.conformance;

import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.io.FileDType;
import cs336.engine.io.HostArray;
import cs336.nn.Module;
import cs336.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arrays of one adapter input file, read with checks: a missing array, a wrong dtype or a wrong
 * shape is an {@link IllegalArgumentException} whose message names the array and what was expected,
 * e.g. {@code array 'weights': expected float32 [128, 64], got float64 [128, 64]}.
 *
 * <p>Every float32 tensor handed out (and every module parameter loaded from the file) is recorded
 * as a gradient input: when the file holds {@code grad_output}, the adapter writes
 * {@code grad.<name>} for each of them.
 *
 * <p>Everything handed out lives on the inputs' {@link #device()}: arrays are copied there, and
 * modules are moved there by {@link #onDevice} before their weights are loaded.
 */
final class Inputs {
  /** Any size, in a shape pattern. */
  static final int ANY = -1;

  private final Map<String, HostArray> arrays;
  private final Device device;
  private final Map<String, Tensor> gradInputs = new LinkedHashMap<>();

  Inputs(Map<String, HostArray> arrays, Device device) {
    this.arrays = arrays;
    this.device = device;
  }

  /** Where the adapter computes. */
  Device device() {
    return device;
  }

  /** {@code module} with its parameters on {@link #device()} (moved into an arena there unless they are). */
  <M extends Module> M onDevice(M module) {
    Map<String, Parameter> named = module.namedParameters();
    boolean there = named.values().stream().allMatch(p -> p.data().device() == device);
    if (!there) module.packInto(device);
    return module;
  }

  /** {@code a} as an array on {@link #device()}. */
  private NDArray onDevice(HostArray a) {
    return a.toNDArray().to(device);
  }

  boolean has(String name) {
    return arrays.containsKey(name);
  }

  /** The array named {@code name}, or an error listing what the file holds. */
  HostArray raw(String name) {
    HostArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("missing array '" + name + "' (the file holds " + new TreeSet<>(arrays.keySet()) + ")");
    }
    return a;
  }

  // ---- scalars ----

  /** An integer scalar (0-d; an integer dtype, or a float holding a whole number). */
  long integer(String name) {
    HostArray a = scalar(name);
    if (a.dtype().isFloat()) {
      double d = a.scalarDouble();
      if (d != Math.rint(d)) throw new IllegalArgumentException("array '" + name + "': expected an integer, got " + d);
      return (long) d;
    }
    return a.scalarLong();
  }

  /** A positive integer scalar that fits an int. */
  int size(String name) {
    long v = integer(name);
    if (v < 1 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("array '" + name + "': expected a positive size, got " + v);
    return (int) v;
  }

  /** A real scalar (any numeric dtype). */
  double real(String name) {
    return scalar(name).scalarDouble();
  }

  private HostArray scalar(String name) {
    HostArray a = raw(name);
    if (a.numel() != 1 || a.rank() > 1) {
      throw new IllegalArgumentException("array '" + name + "': expected a 0-d scalar, got shape " + Arrays.toString(a.shape()));
    }
    if (a.dtype() == FileDType.BOOL) throw new IllegalArgumentException("array '" + name + "': expected a number, got bool");
    return a;
  }

  // ---- tensors ----

  /**
   * A float32 tensor whose shape ends with {@code trailing} ({@link #ANY} matches any size) after
   * any number of leading dimensions, recorded as a gradient input.
   */
  Tensor floats(String name, int... trailing) {
    return floatTensor(name, true, trailing);
  }

  /** A float32 tensor of exactly {@code shape} ({@link #ANY} matches any size), recorded as a gradient input. */
  Tensor floatsExact(String name, int... shape) {
    return floatTensor(name, false, shape);
  }

  private Tensor floatTensor(String name, boolean leading, int[] pattern) {
    HostArray a = raw(name);
    checkShape(name, "float32", a, leading, pattern);
    if (a.dtype() != FileDType.FLOAT32) {
      throw new IllegalArgumentException("array '" + name + "': expected float32 " + patternStr(leading, pattern) + ", got "
          + dtypeName(a.dtype()) + " " + Arrays.toString(a.shape()));
    }
    Tensor t = Tensor.of(onDevice(a)).requiresGrad(true).name(name);
    gradInputs.put(name, t);
    return t;
  }

  /** An integer tensor (any integer dtype), as int64, with at least {@code minRank} dimensions. */
  Tensor ids(String name, int minRank) {
    HostArray a = raw(name);
    if (a.dtype().isFloat() || a.dtype() == FileDType.BOOL) {
      throw new IllegalArgumentException("array '" + name + "': expected int64 ids, got " + dtypeName(a.dtype()) + " "
          + Arrays.toString(a.shape()));
    }
    if (a.rank() < minRank) {
      throw new IllegalArgumentException("array '" + name + "': expected int64 of rank >= " + minRank + ", got shape "
          + Arrays.toString(a.shape()));
    }
    return Tensor.of(onDevice(a));
  }

  /** As {@link #ids(String, int)}, every value in [0, bound) ({@code what} names the bound in the message). */
  Tensor ids(String name, int minRank, long bound, String what) {
    Tensor t = ids(name, minRank);
    HostArray a = raw(name);
    for (long i = 0; i < a.numel(); i++) {
      long v = a.getLong(i);
      if (v < 0 || v >= bound) {
        throw new IllegalArgumentException("array '" + name + "': value " + v + " at index " + i + " lies outside [0, "
            + bound + ") (" + what + ")");
      }
    }
    return t;
  }

  /** A boolean mask (True = may attend) as a 0/1 float tensor; no gradient. */
  Tensor mask(String name) {
    HostArray a = raw(name);
    if (a.dtype() != FileDType.BOOL) {
      throw new IllegalArgumentException("array '" + name + "': expected a bool mask, got " + dtypeName(a.dtype()) + " "
          + Arrays.toString(a.shape()));
    }
    return Tensor.of(onDevice(a));
  }

  /**
   * Moves {@code module} to {@link #device()}, copies arrays {@code prefix + key} into every
   * parameter of it (exact shapes, float32) and records the parameters as gradient inputs under
   * those names; arrays with the prefix that match no parameter are an error too.
   */
  void loadInto(Module module, String prefix) {
    Map<String, Parameter> named = module.namedParameters();
    Set<String> unknown = new TreeSet<>();
    for (String k : arrays.keySet()) {
      if (k.startsWith(prefix) && !named.containsKey(k.substring(prefix.length()))) unknown.add(k);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("arrays " + unknown + " match no parameter of the model (its keys are "
          + prefix + "<" + String.join("|", named.keySet()) + ">)");
    }
    onDevice(module);
    for (Map.Entry<String, Parameter> e : named.entrySet()) load(prefix + e.getKey(), e.getValue());
  }

  /**
   * Copies float32 array {@code name} (of the parameter's exact shape) into {@code p}, which must
   * live on {@link #device()} (see {@link #onDevice(Module)}), and records it.
   */
  void load(String name, Parameter p) {
    HostArray a = raw(name);
    checkShape(name, "float32", a, false, p.shape());
    if (a.dtype() != FileDType.FLOAT32) {
      throw new IllegalArgumentException("array '" + name + "': expected float32 " + Arrays.toString(p.shape()) + ", got "
          + dtypeName(a.dtype()));
    }
    p.data().copyFrom(onDevice(a));
    gradInputs.put(name, p.tensor());
  }

  /** The float32 inputs (name to the leaf tensor the computation used), in the order they were read. */
  Map<String, Tensor> gradInputs() {
    return gradInputs;
  }

  /** grad_output on {@link #device()}, checked to have {@code shape}. */
  NDArray gradOutput(int[] shape) {
    HostArray a = raw("grad_output");
    checkShape("grad_output", "float32", a, false, shape);
    if (a.dtype() != FileDType.FLOAT32) {
      throw new IllegalArgumentException("array 'grad_output': expected float32, got " + dtypeName(a.dtype()));
    }
    return onDevice(a);
  }

  // ---- messages ----

  private static void checkShape(String name, String dtype, HostArray a, boolean leading, int[] pattern) {
    long[] s = a.shape();
    boolean ok = leading ? s.length >= pattern.length : s.length == pattern.length;
    for (int i = 0; ok && i < pattern.length; i++) {
      long have = s[s.length - pattern.length + i];
      ok = pattern[i] == ANY || have == pattern[i];
    }
    if (!ok) {
      throw new IllegalArgumentException("array '" + name + "': expected " + dtype + " " + patternStr(leading, pattern)
          + ", got shape " + Arrays.toString(s));
    }
  }

  private static String patternStr(boolean leading, int[] pattern) {
    StringBuilder sb = new StringBuilder("[");
    if (leading) sb.append(pattern.length > 0 ? "..., " : "...");
    for (int i = 0; i < pattern.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(pattern[i] == ANY ? "*" : Integer.toString(pattern[i]));
    }
    return sb.append("]").toString();
  }

  static String dtypeName(FileDType d) {
    return d.name().toLowerCase(java.util.Locale.ROOT);
  }
}
