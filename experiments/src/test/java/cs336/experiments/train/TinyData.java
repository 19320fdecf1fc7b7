package cs336.experiments.train;

import cs336.experiments.data.PreparedData;
import cs336.experiments.stories.StoryCorpus;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Small real token data for the training tests: generated stories (300 kB train, 40 kB valid), a
 * 300-token BPE tokenizer, both encoded; about a second to make, once per folder.
 */
public final class TinyData {
  private TinyData() {}

  private static final Map<Path, PreparedData> MADE = new HashMap<>();

  public static synchronized PreparedData in(Path dir) throws Exception {
    PreparedData d = MADE.get(dir);
    if (d != null) return d;
    Path train = dir.resolve("stories-train.txt"), valid = dir.resolve("stories-valid.txt");
    StoryCorpus.write(train, 300_000, 1);
    StoryCorpus.write(valid, 40_000, 2);
    d = PreparedData.prepare(new PreparedData.Texts("test stories", train, valid), 300, Long.MAX_VALUE, Long.MAX_VALUE,
        dir.resolve("prepared"), 2, false, new PrintStream(OutputStream.nullOutputStream()));
    MADE.put(dir, d);
    return d;
  }

  /** A tiny model on {@code data}: d_model 32, 2 layers, context 32, batch 8, {@code steps} steps. */
  public static Map<String, Object> flags(PreparedData data, long steps) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("train_data", data.trainFile().toString());
    m.put("valid_data", data.validFile().toString());
    m.put("tokenizer", data.tokenizerDir().toString());
    m.put("context_length", 32);
    m.put("d_model", 32);
    m.put("num_layers", 2);
    m.put("num_heads", 2);
    m.put("batch_size", 8);
    m.put("max_iters", steps);
    m.put("lr", 1e-2);
    m.put("min_lr", 1e-3);
    m.put("warmup_iters", 8);
    m.put("eval_every", 10);
    m.put("eval_batches", 2);
    m.put("log_every", 5);
    m.put("checkpoint_every", 10);
    m.put("keep_checkpoints", 2);
    m.put("threads", 2);
    return m;
  }

  /** {@link #flags} as a resolved config. */
  public static TrainConfig config(PreparedData data, long steps) throws Exception {
    return TrainConfigs.merge(null, null, flags(data, steps)).resolved(null);
  }
}
