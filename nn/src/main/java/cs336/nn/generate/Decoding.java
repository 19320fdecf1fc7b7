package cs336.nn.generate;

import cs336.autograd.NoGrad;
import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.nn.Rng;
import cs336.nn.layers.KvCache;
import cs336.nn.layers.TransformerLM;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Text generation from a {@link TransformerLM} (handout section 6): feed the prompt, sample a token
 * from the last position's logits ({@link Sampling}), append it, repeat until {@code maxNewTokens}
 * or the stop token.
 *
 * <p>With the KV cache (the default) each new token is one position through the model: its keys
 * and values are appended to the cache and its query attends to the whole cache. Without it every
 * token re-runs the whole window (for comparison and tests). Both see the same window: the last
 * tokens, at most the context length; when the window is full it drops its older half and the cache
 * is refilled from the newer half, so a long generation costs one re-fill per half context, and the
 * two modes give identical logits throughout.
 */
public final class Decoding {
  private Decoding() {}

  /**
   * Generation settings.
   *
   * @param temperature 0 for greedy decoding; typical 0.7-1.0
   * @param topP nucleus mass in (0, 1]; 1 keeps every token
   * @param stopToken the id that ends generation (e.g. {@code <|endoftext|>}); -1 for none
   * @param useCache decode with the KV cache (one position per token) or re-run the window
   */
  public record Options(int maxNewTokens, float temperature, float topP, int stopToken, long seed, boolean useCache) {
    public Options {
      if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
      if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
      if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must lie in (0, 1], got " + topP);
    }
  }

  /** The new tokens after {@code prompt} (the stop token, when reached, is not included). */
  public static int[] generate(TransformerLM model, int[] prompt, int maxNewTokens, float temperature, float topP,
      int stopToken, long seed) {
    return generate(model, prompt, new Options(maxNewTokens, temperature, topP, stopToken, seed, true), t -> { });
  }

  /** As above, calling {@code onToken} with each new token as soon as it is chosen (for streaming). */
  public static int[] generate(TransformerLM model, int[] prompt, Options o, IntConsumer onToken) {
    if (prompt.length == 0) throw new IllegalArgumentException("the prompt needs at least one token");
    int ctx = model.config().contextLength(), vocab = model.config().vocabSize();
    for (int t : prompt) {
      if (t < 0 || t >= vocab) throw new IllegalArgumentException("prompt token " + t + " out of range [0, " + vocab + ")");
    }
    int[] seq = Arrays.copyOf(prompt, prompt.length + o.maxNewTokens());
    int len = prompt.length, windowStart = Math.max(0, len - ctx);
    Rng rng = new Rng(o.seed());
    KvCache cache = o.useCache() ? model.newCache(1) : null;
    int produced = 0;
    if (o.maxNewTokens() == 0) return new int[0];
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor logits = lastLogits(model, seq, windowStart, len, cache);
      while (produced < o.maxNewTokens()) {
        int next = Sampling.sample(logits, o.temperature(), o.topP(), rng);
        if (next == o.stopToken()) break;
        seq[len++] = next;
        produced++;
        onToken.accept(next);
        if (produced == o.maxNewTokens()) break;
        if (len - windowStart > ctx) {                // window full: keep its newer half
          windowStart = len - Math.max(1, ctx / 2);
          if (cache != null) cache.reset();
        }
        logits = lastLogits(model, seq, windowStart, len, cache);
      }
    }
    return Arrays.copyOfRange(seq, prompt.length, prompt.length + produced);
  }

  /**
   * The logits [vocab] after {@code seq[windowStart, len)}: with a cache only the positions it does
   * not hold yet go through the model, else the whole window does.
   */
  private static Tensor lastLogits(TransformerLM model, int[] seq, int windowStart, int len, KvCache cache) {
    int from = cache == null ? windowStart : windowStart + cache.length();
    long[] ids = new long[len - from];
    for (int i = 0; i < ids.length; i++) ids[i] = seq[from + i];
    Device device = model.tokenEmbeddings().weight().data().device();
    Tensor hidden = model.hidden(Tensor.of(NDArray.ofLongs(ids, 1, ids.length).to(device)), cache);
    return model.head(hidden.select(1, ids.length - 1).select(0, 0));   // the head for the last position only
  }
}
