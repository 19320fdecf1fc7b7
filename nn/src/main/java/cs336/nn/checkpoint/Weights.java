package cs336.nn.checkpoint;

import cs336.engine.NDArray;
import cs336.engine.io.HostArray;
import cs336.engine.io.Safetensors;
import cs336.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model's weights as a safetensors file under the reference state-dict keys
 * ({@code layers.0.attn.q_proj.weight}, ...), so weights move to and from PyTorch:
 * {@code safetensors.torch.load_file(path)} gives a dict that the reference model's
 * {@code load_state_dict} accepts, and a file PyTorch wrote ({@code save_file(model.state_dict(),
 * path)}) loads here.
 */
public final class Weights {
  private Weights() {}

  /** Writes {@code model}'s parameters (float32) and string {@code metadata} (may be null), atomically. */
  public static void save(Path file, Module model, Map<String, String> metadata) throws IOException {
    Safetensors.write(file, StateArrays.toHost(model.stateDict(), ""), metadata);
  }

  /**
   * Loads {@code file} into {@code model}. The file must hold exactly the model's keys with its
   * shapes, in a floating-point dtype (F32; F16, BF16 and F64 are converted); otherwise nothing is
   * loaded and the error lists every difference.
   */
  public static void load(Path file, Module model) throws IOException {
    Map<String, HostArray> tensors;
    try {
      tensors = Safetensors.read(file).tensors();
    } catch (IOException e) {
      throw new IOException("cannot read weights: " + e.getMessage(), e);
    }
    Map<String, NDArray> state = model.stateDict();
    List<String> problems = StateArrays.problems(tensors, StateArrays.shapes(state), "", true);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file + " does not fit " + model.getClass().getSimpleName() + ": "
          + String.join("; ", problems));
    }
    for (Map.Entry<String, NDArray> e : state.entrySet()) StateArrays.copy(tensors.get(e.getKey()), e.getValue());
  }
}
