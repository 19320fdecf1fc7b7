package cs336.nn.conformance;

import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.io.HostArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The conformance adapters of {@code ../shared/conformance/PROTOCOL.md}: each function of the
 * handout's {@code tests/adapters.py}, reading its arguments from named arrays and returning named
 * arrays. Differentiable functions also backpropagate {@code grad_output} with autograd and return
 * {@code grad.<name>} for every float32 input (module weights included). They run on any device:
 * inputs are copied to it, module parameters live on it, and the results are copied back into host
 * arrays, so a GPU is checked against the same fixtures as the CPU.
 *
 * <pre>{@code
 * Map<String, HostArray> out = Adapters.run("run_linear", Npz.read(in));
 * Map<String, HostArray> onGpu = Adapters.run("run_linear", Npz.read(in), Device.named("cuda"));
 * }</pre>
 */
public final class Adapters {
  private Adapters() {}

  /** A differentiable adapter: the output tensor, computed from checked inputs. */
  @FunctionalInterface
  interface Differentiable {
    Tensor apply(Inputs in);
  }

  private static final Map<String, Function<Inputs, Map<String, HostArray>>> ALL = new TreeMap<>();

  static {
    LayerAdapters.register();
    TrainingAdapters.register();
  }

  /** Registers a differentiable adapter (output plus gradients when grad_output is given). */
  static void differentiable(String name, Differentiable f) {
    ALL.put(name, in -> withGradients(in, f.apply(in)));
  }

  /** Registers an adapter that returns its arrays itself. */
  static void plain(String name, Function<Inputs, Map<String, HostArray>> f) {
    ALL.put(name, f);
  }

  /** The adapter names. */
  public static Map<String, ?> names() {
    return Collections.unmodifiableMap(ALL);
  }

  /** Runs adapter {@code name} on {@code arrays} on the CPU; errors name the array at fault. */
  public static Map<String, HostArray> run(String name, Map<String, HostArray> arrays) {
    return run(name, arrays, CpuDevice.CPU);
  }

  /**
   * Runs adapter {@code name} on {@code device}: the input arrays are copied there, the computation
   * (gradients included) happens there, and the returned host arrays are copies of the results.
   */
  public static Map<String, HostArray> run(String name, Map<String, HostArray> arrays, Device device) {
    var f = ALL.get(name);
    if (f == null) throw new IllegalArgumentException("unknown adapter '" + name + "'; known: " + ALL.keySet());
    return f.apply(new Inputs(arrays, device));
  }

  /** output, then grad.<name> of every float32 input when the file holds grad_output. */
  private static Map<String, HostArray> withGradients(Inputs in, Tensor output) {
    Map<String, HostArray> out = new LinkedHashMap<>();
    out.put("output", HostArray.of(output.data()));
    if (!in.has("grad_output")) return out;
    NDArray g = in.gradOutput(output.shape());
    if (output.requiresGrad()) output.backward(g);
    for (Map.Entry<String, Tensor> e : in.gradInputs().entrySet()) {
      NDArray grad = e.getValue().grad();
      out.put("grad." + e.getKey(), HostArray.of(grad != null ? grad : NDArray.zeros(e.getValue().shape())));
    }
    return out;
  }
}
