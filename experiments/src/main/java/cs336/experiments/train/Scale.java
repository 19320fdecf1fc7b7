package cs336.experiments.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Presets of {@code --scale}: how big a model, how much data and how long, set over
 * {@link TrainConfig#defaults()} (which is {@link #GPU}, the handout's run).
 *
 * <ul>
 *   <li>{@link #TINY}: a 0.2M-parameter model for about 100 steps, seconds on 2 cores: what the
 *       tests run, and a smoke test of any pipeline.</li>
 *   <li>{@link #CPU}: the low-resource setting on a 2-core machine: a 4M-parameter model (d_model
 *       256, 4 layers, 8 heads) with the handout's context of 256, batch 16, 20 minutes of training
 *       (the number of steps is chosen from the measured step time; 8,400 tokens/s on the
 *       2-core development machine).</li>
 *   <li>{@link #GPU}: the handout's TinyStories run, 327,680,000 tokens.</li>
 * </ul>
 */
public enum Scale {
  TINY(512, 512, 1_000_000L, 100_000L),
  CPU(2_000, 4_000, 200_000_000L, 5_000_000L),
  GPU(10_000, 32_000, Long.MAX_VALUE, Long.MAX_VALUE);

  private final int tinyStoriesVocab;
  private final int webVocab;
  private final long maxTrainBytes;
  private final long maxValidBytes;

  Scale(int tinyStoriesVocab, int webVocab, long maxTrainBytes, long maxValidBytes) {
    this.tinyStoriesVocab = tinyStoriesVocab;
    this.webVocab = webVocab;
    this.maxTrainBytes = maxTrainBytes;
    this.maxValidBytes = maxValidBytes;
  }

  /** The lower-case name, as on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The settings this preset changes from the defaults, by config key. */
  public Map<String, Object> overrides() {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (this) {
      case TINY -> {
        m.put("context_length", 64);
        m.put("d_model", 64);
        m.put("num_layers", 2);
        m.put("num_heads", 4);
        m.put("batch_size", 16);
        m.put("max_iters", 100);
        m.put("lr", 1e-2);
        m.put("min_lr", 1e-3);
        m.put("warmup_iters", 10);
        m.put("eval_every", 25);
        m.put("eval_batches", 4);
        m.put("log_every", 5);
        m.put("checkpoint_every", 50);
      }
      case CPU -> {
        m.put("context_length", 256);
        m.put("d_model", 256);
        m.put("num_layers", 4);
        m.put("num_heads", 8);
        m.put("batch_size", 16);
        m.put("max_iters", null);
        m.put("max_minutes", 20.0);
        m.put("lr", 3e-3);
        m.put("min_lr", 3e-4);
        m.put("warmup_iters", 100);
        m.put("eval_every", 100);
        m.put("eval_batches", 16);
        m.put("log_every", 10);
        m.put("checkpoint_every", 200);
      }
      case GPU -> { }
    }
    return m;
  }

  /** The BPE vocabulary trained for this scale on children's stories (TinyStories). */
  public int tinyStoriesVocab() {
    return tinyStoriesVocab;
  }

  /** The BPE vocabulary trained for this scale on web text (OpenWebText). */
  public int webVocab() {
    return webVocab;
  }

  /** At most this many bytes of a training text are used (a prefix ending at a story boundary). */
  public long maxTrainBytes() {
    return maxTrainBytes;
  }

  /** At most this many bytes of a validation text are used. */
  public long maxValidBytes() {
    return maxValidBytes;
  }

  /** "tiny", "cpu" or "gpu" (any case). */
  public static Scale parse(String s) {
    for (Scale v : values()) if (v.label().equalsIgnoreCase(s.strip())) return v;
    throw new IllegalArgumentException("scale must be tiny, cpu or gpu, got '" + s + "'");
  }
}
