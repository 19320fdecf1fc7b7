package cs336.experiments.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cs336.experiments.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a run's {@link TrainConfig} comes from, and its JSON file.
 *
 * <p>Later sources override earlier ones, key by key:
 * <ol>
 *   <li>{@link TrainConfig#defaults()} (the handout's TinyStories run);</li>
 *   <li>the {@code --scale} preset ({@link Scale#overrides()});</li>
 *   <li>a JSON config file ({@code --config}), holding any subset of the keys;</li>
 *   <li>the flags given on the command line.</li>
 * </ol>
 * A {@code max_minutes} given (by the file or a flag) without a {@code max_iters} clears the
 * earlier sources' max_iters: the run takes as many steps as fit the budget. Unknown keys are errors naming the file and the key (a typo must not silently train the default).
 * A resumed run starts instead from the config saved with it and accepts changes only to the keys
 * in {@link #CHANGEABLE_ON_RESUME}.
 */
public final class TrainConfigs {
  private TrainConfigs() {}

  /** The file a run's resolved config is saved to, in its directory. */
  public static final String FILE_NAME = "config.json";

  /**
   * What a resumed run may change: how long it goes on, how often it reports, where it computes.
   * Everything else would make it a different run.
   */
  public static final Set<String> CHANGEABLE_ON_RESUME = Set.of("max_iters", "max_minutes", "eval_every", "log_every",
      "checkpoint_every", "keep_checkpoints", "diverge_factor", "device", "dtype", "threads");

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** Every key of the config, in file order. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    tree(TrainConfig.defaults()).fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * Merges defaults, {@code scale} (null: none), the JSON {@code file} (null: none) and the
   * {@code flags} (keys to values) into one config. Not yet {@link TrainConfig#resolved resolved}.
   */
  public static TrainConfig merge(Scale scale, Path file, Map<String, ?> flags) throws IOException {
    ObjectNode tree = tree(TrainConfig.defaults());
    if (scale != null) tree.setAll(overrides(scale.overrides(), "--scale " + scale.label()));
    ObjectNode given = JSON.createObjectNode();
    if (file != null) given.setAll(readFile(file));
    given.setAll(overrides(flags, "the flags"));
    // A budget given without a step count means "as many steps as fit": the preset's count goes.
    if (given.has("max_minutes") && !given.get("max_minutes").isNull() && !given.has("max_iters")) {
      tree.putNull("max_iters");
    }
    tree.setAll(given);
    return fromTree(tree, file == null ? "the flags" : file + " and the flags");
  }

  /**
   * The saved config of a resumed run with the file's and the flags' settings applied; throws when
   * one of them changes a key outside {@link #CHANGEABLE_ON_RESUME} to a different value.
   */
  public static TrainConfig mergeForResume(TrainConfig saved, Path file, Map<String, ?> flags, Path runDir)
      throws IOException {
    ObjectNode changes = JSON.createObjectNode();
    if (file != null) changes.setAll(readFile(file));
    changes.setAll(overrides(flags, "the flags"));
    ObjectNode tree = tree(saved);
    List<String> refused = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode old = tree.get(e.getKey());
      boolean same = old.equals(e.getValue()) || old.isNumber() && e.getValue().isNumber()
          && old.asDouble() == e.getValue().asDouble();
      if (!same && !CHANGEABLE_ON_RESUME.contains(e.getKey())) {
        refused.add(e.getKey() + " (saved " + old + ", given " + e.getValue() + ")");
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException("--resume continues " + runDir + " with its saved " + FILE_NAME
          + ", which these settings would change: " + String.join(", ", refused) + "; only "
          + new TreeSet<>(CHANGEABLE_ON_RESUME) + " may change (or start a new run under another --name)");
    }
    tree.setAll(changes);
    return fromTree(tree, "the saved config with the given settings");
  }

  /**
   * {@code config} with some settings changed, by key, e.g. {@code with(c, Map.of("norm", "post"))};
   * unknown keys and bad values are errors naming them.
   */
  public static TrainConfig with(TrainConfig config, Map<String, ?> changes) {
    ObjectNode tree = tree(config);
    tree.setAll(overrides(changes, "the changed settings"));
    return fromTree(tree, "the changed settings");
  }

  /**
   * Whether {@code saved} (a run's config.json) is the run {@code requested} asks for: the same
   * settings, except that a request leaving max_iters to the time budget matches the number the
   * run chose.
   */
  public static boolean sameRun(TrainConfig requested, TrainConfig saved) {
    ObjectNode a = tree(requested), b = tree(saved);
    if (requested.maxIters() == null) {
      for (String k : List.of("max_iters", "cosine_cycle_iters")) {
        if (a.get(k).isNull()) {
          a.remove(k);
          b.remove(k);
        }
      }
    }
    return a.equals(b);
  }

  /** The JSON text of {@code config} (pretty-printed, keys in the documented order). */
  public static String toJson(TrainConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write the training config as JSON", e);
    }
  }

  /** Writes {@code dir/config.json} atomically. */
  public static Path write(Path dir, TrainConfig config) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    AtomicFiles.writeString(file, toJson(config) + "\n");
    return file;
  }

  /** Reads a whole config saved by a run ({@code dir/config.json}, or the file itself). */
  public static TrainConfig read(Path dirOrFile) throws IOException {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
    if (!Files.isRegularFile(file)) throw new IOException(file + " does not exist: is " + dirOrFile + " a training run?");
    ObjectNode tree = tree(TrainConfig.defaults());
    tree.setAll(readFile(file));
    return fromTree(tree, file.toString());
  }

  /** Parses {@code json} (the text of a config, possibly partial) over the defaults. */
  public static TrainConfig parse(String json) throws IOException {
    ObjectNode tree = tree(TrainConfig.defaults());
    tree.setAll(checkedObject(JSON.readTree(json), "config text"));
    return fromTree(tree, "config text");
  }

  // ---- trees ----

  static ObjectNode tree(TrainConfig c) {
    return JSON.valueToTree(c);
  }

  /** A JSON object of config keys (every one checked against the known keys). */
  static ObjectNode overrides(Map<String, ?> values, String where) {
    ObjectNode n = JSON.createObjectNode();
    values.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
    return checkedObject(n, where);
  }

  private static ObjectNode readFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("config file " + file + " does not exist");
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new IllegalArgumentException("config file " + file + " is not valid JSON: " + e.getOriginalMessage());
    }
    return checkedObject(node, "config file " + file);
  }

  private static ObjectNode checkedObject(JsonNode node, String where) {
    if (node == null || !node.isObject()) throw new IllegalArgumentException(where + " must be a JSON object of settings");
    List<String> known = keys();
    List<String> unknown = new ArrayList<>();
    node.fieldNames().forEachRemaining(k -> {
      if (!known.contains(k)) unknown.add(k);
    });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(where + ": unknown setting" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + " (the settings are: " + String.join(", ", known) + ")");
    }
    return (ObjectNode) node;
  }

  private static TrainConfig fromTree(ObjectNode tree, String where) {
    try {
      return JSON.treeToValue(tree, TrainConfig.class);
    } catch (JacksonException e) {
      String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
          ? " (setting " + m.getPath().getLast().getFieldName() + ")" : "";
      throw new IllegalArgumentException("bad value in " + where + path + ": " + e.getOriginalMessage());
    }
  }
}
