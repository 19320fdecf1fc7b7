package cs336.nn.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import cs336.engine.NDArray;
import cs336.engine.io.HostArray;
import cs336.engine.io.Safetensors;
import cs336.nn.ParameterArena;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A training checkpoint: everything a run needs to continue exactly where it stopped, in one
 * safetensors file written atomically (temporary file, then rename), so a crash mid-write leaves
 * the previous checkpoint intact.
 *
 * <h2>Format (version 1)</h2>
 * A safetensors file (readable by PyTorch's {@code safetensors.torch.load_file}) holding float32
 * tensors
 * <ul>
 *   <li>{@code model.<key>}: every model parameter under its reference state-dict key;</li>
 *   <li>{@code optimizer.m.<key>}, {@code optimizer.v.<key>}: AdamW's moments (absent when saved
 *       without an optimizer),</li>
 * </ul>
 * and string metadata: {@code format} = {@code cs336-checkpoint}, {@code version} = {@code 1},
 * {@code iteration}, {@code config} (the {@link TransformerConfig} as JSON), {@code optimizer}
 * (JSON {@code {"step": t, "lr": ..., "beta1": ..., "beta2": ..., "eps": ..., "weightDecay": ...}},
 * when present), {@code rng_state} (the data sampler's {@link cs336.nn.Rng} state), {@code crc32c}
 * (hex CRC-32C of all tensor bytes in file order, catching corruption the header checks cannot) and
 * {@code extra.<name>} for whatever the caller adds (e.g. the training config).
 *
 * <p>Reading verifies the whole file (structure, checksum, metadata) before anything is copied, and
 * restoring checks every name, shape and dtype against the model first: a bad file gets one clear
 * error and the model is left untouched.
 */
public final class Checkpoint {
  public static final String FORMAT = "cs336-checkpoint";
  public static final int VERSION = 1;
  static final String MODEL = "model.";
  static final String M = "optimizer.m.";
  static final String V = "optimizer.v.";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The optimizer's counters and hyperparameters, as saved. */
  public record OptimizerState(long step, double lr, double beta1, double beta2, double eps, double weightDecay) {
    AdamW.Config config() {
      return new AdamW.Config(lr, beta1, beta2, eps, weightDecay);
    }
  }

  private final Path file;
  private final TransformerConfig config;
  private final long iteration;
  private final long rngState;
  private final OptimizerState optimizer;
  private final Map<String, String> extra;
  private final Map<String, HostArray> tensors;

  private Checkpoint(Path file, TransformerConfig config, long iteration, long rngState, OptimizerState optimizer,
      Map<String, String> extra, Map<String, HostArray> tensors) {
    this.file = file;
    this.config = config;
    this.iteration = iteration;
    this.rngState = rngState;
    this.optimizer = optimizer;
    this.extra = Collections.unmodifiableMap(extra);
    this.tensors = tensors;
  }

  // ---- writing ----

  /**
   * Writes {@code model}, {@code optimizer} (null: weights only), the {@code iteration} reached, the
   * sampler's {@code rngState} and {@code extra} strings (may be null) to {@code file}, atomically.
   */
  public static void save(Path file, TransformerLM model, AdamW optimizer, long iteration, long rngState,
      Map<String, String> extra) throws IOException {
    Map<String, HostArray> tensors = new LinkedHashMap<>(StateArrays.toHost(model.stateDict(), MODEL));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("version", Integer.toString(VERSION));
    meta.put("iteration", Long.toString(iteration));
    meta.put("config", JSON.writeValueAsString(model.config()));
    meta.put("rng_state", Long.toString(rngState));
    if (optimizer != null) {
      ParameterArena arena = optimizer.arena();
      if (arena != model.arena()) throw new IllegalArgumentException("the optimizer does not update this model's parameters");
      Map<String, NDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
      for (ParameterArena.Slot s : arena.slots()) {
        m.put(s.key(), optimizer.m().narrow(0, s.offset(), s.numel()).view(s.parameter().shape()));
        v.put(s.key(), optimizer.v().narrow(0, s.offset(), s.numel()).view(s.parameter().shape()));
      }
      tensors.putAll(StateArrays.toHost(m, M));
      tensors.putAll(StateArrays.toHost(v, V));
      AdamW.Config c = optimizer.config();
      meta.put("optimizer", JSON.writeValueAsString(new OptimizerState(optimizer.stepCount(), c.lr(), c.beta1(),
          c.beta2(), c.eps(), c.weightDecay())));
    }
    if (extra != null) extra.forEach((k, val) -> meta.put("extra." + k, val));
    meta.put("crc32c", checksum(tensors));
    Safetensors.write(file, tensors, meta);
  }

  /** CRC-32C of every tensor's bytes, in order, as 8 hex digits. */
  static String checksum(Map<String, HostArray> tensors) {
    CRC32C crc = new CRC32C();
    for (HostArray a : tensors.values()) {
      var seg = a.segment();
      for (long at = 0; at < seg.byteSize(); at += 1 << 20) {
        crc.update(seg.asSlice(at, Math.min(1 << 20, seg.byteSize() - at)).asByteBuffer());
      }
    }
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  // ---- reading ----

  /**
   * Reads and verifies {@code file}: a truncated or corrupt file, a foreign format or a newer
   * version throws an IOException naming the file and the problem.
   */
  public static Checkpoint read(Path file) throws IOException {
    Safetensors.Contents c;
    try {
      c = Safetensors.read(file);
    } catch (IOException e) {
      throw new IOException("checkpoint " + file + " is truncated or corrupt: " + e.getMessage(), e);
    }
    Map<String, String> meta = c.metadata();
    String where = "checkpoint " + file;
    if (!FORMAT.equals(meta.get("format"))) {
      throw new IOException(where + " is not a " + FORMAT + " file (metadata 'format' is " + meta.get("format") + ")");
    }
    if (!Integer.toString(VERSION).equals(meta.get("version"))) {
      throw new IOException(where + " has format version " + meta.get("version") + ", this program reads " + VERSION);
    }
    String crc = checksum(c.tensors());
    if (!crc.equals(meta.get("crc32c"))) {
      throw new IOException(where + " is corrupt: its tensor bytes have CRC-32C " + crc + ", the file recorded "
          + meta.get("crc32c"));
    }
    try {
      TransformerConfig config = JSON.readValue(require(meta, "config", where), TransformerConfig.class);
      long iteration = Long.parseLong(require(meta, "iteration", where));
      long rng = Long.parseLong(require(meta, "rng_state", where));
      OptimizerState opt = meta.containsKey("optimizer") ? JSON.readValue(meta.get("optimizer"), OptimizerState.class) : null;
      Map<String, String> extra = new LinkedHashMap<>();
      meta.forEach((k, v) -> {
        if (k.startsWith("extra.")) extra.put(k.substring(6), v);
      });
      return new Checkpoint(file, config, iteration, rng, opt, extra, c.tensors());
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IOException(where + " has unreadable metadata: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(where + " holds an invalid model config: " + e.getMessage(), e);
    }
  }

  private static String require(Map<String, String> meta, String key, String where) throws IOException {
    String v = meta.get(key);
    if (v == null) throw new IOException(where + " lacks metadata '" + key + "'");
    return v;
  }

  /**
   * The handout's load_checkpoint: reads {@code file} and restores {@code model} and
   * {@code optimizer} (null: weights only) from it; the returned checkpoint says the iteration and
   * the sampler state to continue from.
   */
  public static Checkpoint load(Path file, TransformerLM model, AdamW optimizer) throws IOException {
    Checkpoint c = read(file);
    c.restore(model, optimizer);
    return c;
  }

  // ---- restoring ----

  /** A new model of the saved config holding the saved weights (for generation and evaluation). */
  public TransformerLM newModel() {
    TransformerLM model = new TransformerLM(config, 0);
    restore(model, null);
    return model;
  }

  /**
   * Copies the saved weights into {@code model} and, when {@code optimizer} is not null, the saved
   * moments and step count into it. Everything is checked first (config, names, shapes, dtypes,
   * presence of an optimizer state); on a mismatch nothing is copied.
   */
  public void restore(TransformerLM model, AdamW optimizer) {
    List<String> problems = new ArrayList<>();
    if (!model.config().equals(config)) {
      problems.add("the model's config " + model.config() + " differs from the saved " + config);
    }
    Map<String, NDArray> state = model.stateDict();
    Map<String, int[]> shapes = StateArrays.shapes(state);
    problems.addAll(StateArrays.problems(StateArrays.withPrefix(tensors, MODEL), shapes, MODEL, false));
    if (optimizer != null) {
      if (optimizer.arena() != model.arena()) problems.add("the optimizer does not update this model's parameters");
      if (this.optimizer == null) problems.add("it holds no optimizer state (saved without one)");
      problems.addAll(StateArrays.problems(StateArrays.withPrefix(tensors, M), shapes, M, false));
      problems.addAll(StateArrays.problems(StateArrays.withPrefix(tensors, V), shapes, V, false));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("checkpoint " + file + " does not fit this model: " + String.join("; ", problems));
    }
    for (Map.Entry<String, NDArray> e : state.entrySet()) StateArrays.copy(tensors.get(MODEL + e.getKey()), e.getValue());
    if (optimizer != null) {
      for (ParameterArena.Slot s : optimizer.arena().slots()) {
        StateArrays.copy(tensors.get(M + s.key()), optimizer.m().narrow(0, s.offset(), s.numel()));
        StateArrays.copy(tensors.get(V + s.key()), optimizer.v().narrow(0, s.offset(), s.numel()));
      }
      optimizer.restore(this.optimizer.step(), this.optimizer.config());
    }
  }

  // ---- what it holds ----

  public TransformerConfig config() {
    return config;
  }

  /** The training iteration the checkpoint was taken at. */
  public long iteration() {
    return iteration;
  }

  /** The data sampler's random state at that iteration. */
  public long rngState() {
    return rngState;
  }

  /** The optimizer's step count and hyperparameters, or null when saved without an optimizer. */
  public OptimizerState optimizer() {
    return optimizer;
  }

  /** The caller's extra strings (names without the {@code extra.} prefix). */
  public Map<String, String> extra() {
    return extra;
  }

  /** The file it was read from. */
  public Path file() {
    return file;
  }
}
