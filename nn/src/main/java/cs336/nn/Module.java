package cs336.nn;

import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import cs336.engine.cpu.CpuDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A layer or a model: named {@link Parameter}s plus named child modules, as in PyTorch's
 * {@code nn.Module}. A parameter's state-dict key is the path of names leading to it, joined by
 * dots: the LM's {@code layers} child {@code 0} has child {@code attn} with child {@code q_proj}
 * with parameter {@code weight}, so its key is {@code layers.0.attn.q_proj.weight}, exactly the
 * reference implementation's key.
 *
 * <p>Subclasses register parameters and children in their constructor ({@link #parameter},
 * {@link #child}) and define their own {@code forward} method with whatever arguments they need.
 */
public abstract class Module {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private ParameterArena arena;

  // ---- registration (constructors) ----

  /** Registers {@code initial} as parameter {@code name} of this module and returns it. */
  protected final Parameter parameter(String name, NDArray initial) {
    checkName(name);
    if (initial.dtype() != DType.FLOAT32) throw new IllegalArgumentException("parameter " + name + " must be float32");
    Parameter p = new Parameter(initial);
    parameters.put(name, p);
    return p;
  }

  /** Registers {@code module} as child {@code name} of this module and returns it. */
  protected final <M extends Module> M child(String name, M module) {
    checkName(name);
    children.put(name, module);
    return module;
  }

  private void checkName(String name) {
    if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("bad module/parameter name '" + name + "'");
    if (parameters.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
    }
  }

  // ---- parameters ----

  /**
   * Every parameter under its state-dict key, depth first in registration order. A parameter
   * shared by two modules appears once, under its first key.
   */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collect("", out, seen);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> out, Set<Parameter> seen) {
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      if (seen.add(e.getValue())) out.put(prefix + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Module> e : children.entrySet()) e.getValue().collect(prefix + e.getKey() + ".", out, seen);
  }

  /** The parameters' tensors, in state-dict order (what an optimizer or clipping takes). */
  public final List<Tensor> parameters() {
    List<Tensor> out = new ArrayList<>();
    for (Parameter p : namedParameters().values()) out.add(p.tensor());
    return out;
  }

  /** The total number of parameter elements. */
  public final long numParameters() {
    long n = 0;
    for (Parameter p : namedParameters().values()) n += p.numel();
    return n;
  }

  /** The child modules, by name. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * The arena holding all of this module's parameters (one allocation for values, one for
   * gradients), created on the CPU by the first call, which moves the parameters into it.
   */
  public final ParameterArena arena() {
    if (arena == null || !arena.isCurrent()) arena = ParameterArena.pack(namedParameters(), CpuDevice.CPU);
    return arena;
  }

  /** Moves the parameters into a new arena on {@code device} and returns it. */
  public final ParameterArena packInto(Device device) {
    arena = ParameterArena.pack(namedParameters(), device);
    return arena;
  }

  /** Zeroes every gradient in place (one fill when the parameters live in an arena). */
  public final void zeroGrad() {
    if (arena != null && arena.isCurrent()) {
      arena.zeroGrad();
      return;
    }
    for (Parameter p : namedParameters().values()) p.tensor().zeroGrad();
  }

  // ---- state dict ----

  /** Key to values (shared views, not copies), in state-dict order. */
  public final Map<String, NDArray> stateDict() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) out.put(e.getKey(), e.getValue().data());
    return out;
  }

  /**
   * Copies {@code state} into the parameters. Strict, and all or nothing: every key must be present
   * with the parameter's shape and float32 dtype and no extra key may appear; otherwise nothing is
   * copied and the exception lists every missing, unexpected and mismatched key.
   */
  public final void loadStateDict(Map<String, NDArray> state) {
    Map<String, Parameter> named = namedParameters();
    List<String> problems = new ArrayList<>();
    Set<String> missing = new TreeSet<>(named.keySet());
    missing.removeAll(state.keySet());
    Set<String> unexpected = new TreeSet<>(state.keySet());
    unexpected.removeAll(named.keySet());
    if (!missing.isEmpty()) problems.add("missing " + missing);
    if (!unexpected.isEmpty()) problems.add("unexpected " + unexpected);
    for (Map.Entry<String, Parameter> e : named.entrySet()) {
      NDArray v = state.get(e.getKey());
      if (v == null) continue;
      if (!Arrays.equals(v.shape(), e.getValue().shape())) {
        problems.add(e.getKey() + " has shape " + Shapes.str(v.shape()) + ", the model expects "
            + Shapes.str(e.getValue().shape()));
      } else if (v.dtype() != DType.FLOAT32) {
        problems.add(e.getKey() + " has dtype " + v.dtype() + ", the model expects FLOAT32");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " state dict does not match: "
          + String.join("; ", problems));
    }
    for (Map.Entry<String, Parameter> e : named.entrySet()) {
      NDArray dst = e.getValue().data();
      dst.copyFrom(state.get(e.getKey()).to(dst.device()));
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
    int n = 0;
    for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
      if (n++ > 0) sb.append(", ");
      if (n > 6) {
        sb.append("...");
        break;
      }
      sb.append(e.getKey()).append(Shapes.str(e.getValue().shape()));
    }
    return sb.append(")").toString();
  }
}
