package cs336.experiments.generation;

import cs336.bpe.Tokenizer;
import cs336.engine.Device;
import cs336.experiments.train.CheckpointFiles;
import cs336.nn.checkpoint.Checkpoint;
import cs336.nn.generate.Decoding;
import cs336.nn.layers.TransformerLM;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Text in, text out: encodes a prompt with the run's tokenizer, decodes with
 * {@link Decoding#generate} (KV cache, temperature, top-p), stops at {@code <|endoftext|>} and
 * hands the text on as it is produced. Used by {@code ./cs336 generate}, the demo and the
 * experiments that show samples.
 */
public final class TextGenerator {
  private TextGenerator() {}

  /** The special token that ends a story in TinyStories and the generated corpus. */
  public static final String END_OF_TEXT = "<|endoftext|>";

  /**
   * A finished sample.
   *
   * @param prompt the prompt
   * @param text the generated continuation (without the prompt and the stop token)
   * @param tokens how many tokens were generated
   * @param stopped true when it ended at {@code <|endoftext|>} rather than at the token limit
   * @param seconds decoding time
   */
  public record Sample(String prompt, String text, int tokens, boolean stopped, double seconds) {
    public double tokensPerSecond() {
      return seconds > 0 ? tokens / seconds : 0;
    }
  }

  /** The tokenizer in {@code dir} ({@code vocab.json}, {@code merges.txt}) with {@code <|endoftext|>}. */
  public static Tokenizer tokenizer(Path dir) throws IOException {
    Path v = dir.resolve("vocab.json"), m = dir.resolve("merges.txt");
    if (!Files.isRegularFile(v) || !Files.isRegularFile(m)) {
      throw new IOException(dir + " is not a tokenizer folder: it needs vocab.json and merges.txt (as written by "
          + "./cs336 train-bpe)");
    }
    return Tokenizer.fromFiles(v, m, List.of(END_OF_TEXT));
  }

  /**
   * The model of a checkpoint file, or of the latest checkpoint of a run directory, on
   * {@code device}.
   */
  public static TransformerLM load(Path checkpointOrRun, Device device) throws IOException {
    Path file = checkpointOrRun;
    if (Files.isDirectory(checkpointOrRun)) {
      file = CheckpointFiles.latest(checkpointOrRun);
      if (file == null) throw new IOException(checkpointOrRun + " holds no checkpoint (expected "
          + CheckpointFiles.DIR + "/step_<n>.safetensors in a run directory)");
    } else if (!Files.isRegularFile(file)) {
      throw new IOException("checkpoint " + file + " does not exist");
    }
    Checkpoint c = Checkpoint.read(file);
    TransformerLM model = TransformerLM.on(device, c.config(), 0);
    c.restore(model, null);
    return model;
  }

  /**
   * Continues {@code prompt}: at most {@code maxTokens} tokens, fewer when the model writes
   * {@code <|endoftext|>}; {@code stream} receives the text piece by piece as it is decoded.
   */
  public static Sample generate(TransformerLM model, Tokenizer tok, String prompt, int maxTokens, float temperature,
      float topP, long seed, Consumer<String> stream) {
    int[] ids = tok.encode(prompt);
    if (ids.length == 0) throw new IllegalArgumentException("the prompt is empty: give at least one character");
    int stop = tok.model().id(END_OF_TEXT.getBytes(StandardCharsets.UTF_8));
    Utf8Stream utf8 = new Utf8Stream();
    StringBuilder text = new StringBuilder();
    long t0 = System.nanoTime();
    int[] out = Decoding.generate(model, ids, new Decoding.Options(maxTokens, temperature, topP, stop, seed, true), id -> {
      String piece = utf8.push(tok.decodeBytes(new int[] {id}));
      text.append(piece);
      if (!piece.isEmpty()) stream.accept(piece);
    });
    String rest = utf8.finish();
    text.append(rest);
    if (!rest.isEmpty()) stream.accept(rest);
    return new Sample(prompt, text.toString(), out.length, out.length < maxTokens, (System.nanoTime() - t0) / 1e9);
  }
}
