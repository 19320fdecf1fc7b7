package cs336.experiments.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import cs336.bpe.FileEncoder;
import cs336.bpe.Tokenizer;
import cs336.experiments.cli.TokenizeCommand;
import cs336.experiments.cli.TrainBpeCommand;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.stories.StoryCorpus;
import cs336.experiments.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Text turned into what training needs: a BPE tokenizer trained on the training text and both
 * splits encoded into {@code .npy} token files, cached in a folder named after the inputs so that
 * every experiment on the same text and vocabulary reuses them (a run of the whole problem list
 * trains one tokenizer per data set and scale).
 *
 * @param source where the text came from, in words (for reports)
 * @param dir the cache folder: {@code vocab.json}, {@code merges.txt}, {@code train.npy}, {@code valid.npy}
 * @param vocabSize the tokenizer's vocabulary
 * @param trainTokens tokens in train.npy
 * @param validTokens tokens in valid.npy
 */
public record PreparedData(String source, Path dir, int vocabSize, long trainTokens, long validTokens) {

  /** The file that records what a cache folder was made from. */
  static final String KEY_FILE = "prepared.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The tokenizer folder. */
  public Path tokenizerDir() {
    return dir;
  }

  public Path trainFile() {
    return dir.resolve("train.npy");
  }

  public Path validFile() {
    return dir.resolve("valid.npy");
  }

  /**
   * Text files to train on.
   *
   * @param description e.g. "TinyStories (data/TinyStoriesV2-GPT4-train.txt, first 200 MB)"
   * @param train training text
   * @param valid validation text
   */
  public record Texts(String description, Path train, Path valid) {}

  /**
   * The text of {@code corpus}: {@code train} and {@code valid} when given, else the real files in
   * {@code dataDir}, else its stand-ins there; when there are none, {@code storiesBytes > 0} falls
   * back to generated stories of that size (written under {@code cacheRoot}), and 0 makes it an
   * error that says how to get the data.
   */
  public static Texts find(Corpus corpus, Path dataDir, Path train, Path valid, long storiesBytes, Path cacheRoot)
      throws IOException {
    if (train != null || valid != null) {
      if (train == null || valid == null) throw new IllegalArgumentException("give both --train-text and --valid-text");
      requireFile(train, "training text");
      requireFile(valid, "validation text");
      return new Texts(train + " / " + valid, train, valid);
    }
    for (int i = 0; i < corpus.trainNames().size(); i++) {
      Path t = dataDir.resolve(corpus.trainNames().get(i)), v = dataDir.resolve(corpus.validNames().get(i));
      if (Files.isRegularFile(t) && Files.isRegularFile(v)) return new Texts(t + " / " + v, t, v);
    }
    if (storiesBytes > 0) {
      Path t = cacheRoot.resolve("stories").resolve("train-" + storiesBytes + ".txt");
      Path v = cacheRoot.resolve("stories").resolve("valid-" + Math.max(20_000, storiesBytes / 10) + ".txt");
      if (!Files.isRegularFile(t)) StoryCorpus.write(t, storiesBytes, 1);
      if (!Files.isRegularFile(v)) StoryCorpus.write(v, Math.max(20_000, storiesBytes / 10), 2);
      return new Texts("generated stories (no " + corpus.trainNames().getFirst() + " in " + dataDir
          + "; ./cs336 stories, seeds 1 and 2)", t, v);
    }
    throw new IllegalArgumentException("no " + corpus.trainNames().getFirst() + " (or the stand-in "
        + corpus.trainNames().getLast() + ") with its validation file in " + dataDir + ": download it with `./cs336 "
        + "download " + corpus.download() + "`, pass --data ../shared/data to use the stand-ins, or run --scale tiny, "
        + "which falls back to generated stories");
  }

  private static void requireFile(Path f, String what) {
    if (!Files.isRegularFile(f)) throw new IllegalArgumentException(what + " " + f + " does not exist");
  }

  /**
   * The tokenizer and token files for {@code texts}: from the cache when it holds them, else
   * trained and encoded now (messages on {@code log}). At most {@code maxTrainBytes} and
   * {@code maxValidBytes} of the texts are used, cut at a document boundary.
   */
  public static PreparedData prepare(Texts texts, int vocabSize, long maxTrainBytes, long maxValidBytes, Path cacheRoot,
      int threads, boolean progress, PrintStream log) throws Exception {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("version", 1);
    key.put("train", describe(texts.train()));
    key.put("valid", describe(texts.valid()));
    key.put("vocab_size", vocabSize);
    key.put("max_train_bytes", maxTrainBytes);
    key.put("max_valid_bytes", maxValidBytes);
    String name = stem(texts.train()) + "-v" + vocabSize + "-" + hash(JSON.writeValueAsString(key));
    Path dir = cacheRoot.resolve(name);
    Path keyFile = dir.resolve(KEY_FILE);
    if (Files.isRegularFile(keyFile)) {
      Map<?, ?> saved = JSON.readValue(keyFile.toFile(), Map.class);
      // compared as text: numbers read back as Integer or Long depending on their size
      if (JSON.writeValueAsString(key).equals(JSON.writeValueAsString(saved.get("key")))
          && Files.isRegularFile(dir.resolve("train.npy")) && Files.isRegularFile(dir.resolve("valid.npy"))) {
        log.println("using the tokenizer and tokens prepared in " + dir);
        return new PreparedData(String.valueOf(saved.get("source")), dir, ((Number) saved.get("vocab")).intValue(),
            ((Number) saved.get("train_tokens")).longValue(),
            ((Number) saved.get("valid_tokens")).longValue());
      }
    }
    Files.createDirectories(dir);
    Path train = prefix(texts.train(), maxTrainBytes, dir.resolve("train-prefix.txt"));
    Path valid = prefix(texts.valid(), maxValidBytes, dir.resolve("valid-prefix.txt"));
    log.printf(Locale.ROOT, "training a %,d-token BPE tokenizer on %s (%,d bytes) into %s%n", vocabSize, train,
        Files.size(train), dir);
    TrainBpeCommand.train(train, vocabSize, List.of(TextGenerator.END_OF_TEXT), dir, threads, progress);
    Tokenizer tok = TextGenerator.tokenizer(dir);
    FileEncoder.Stats t = TokenizeCommand.encode(tok, train, dir.resolve("train.npy"), threads, progress);
    FileEncoder.Stats v = TokenizeCommand.encode(tok, valid, dir.resolve("valid.npy"), threads, progress);
    log.printf(Locale.ROOT, "encoded %,d training and %,d validation tokens (%.2f bytes/token)%n", t.tokens(), v.tokens(),
        t.bytesPerToken());
    String source = texts.description() + (train.equals(texts.train()) ? ""
        : String.format(Locale.ROOT, " (the first %,d bytes of the training text)", Files.size(train)));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("key", key);
    record.put("source", source);
    record.put("vocab", tok.vocabSize());
    record.put("train_tokens", t.tokens());
    record.put("valid_tokens", v.tokens());
    AtomicFiles.writeString(keyFile, JSON.writeValueAsString(record) + "\n");
    for (Path p : List.of(dir.resolve("train-prefix.txt"), dir.resolve("valid-prefix.txt"))) Files.deleteIfExists(p);
    return new PreparedData(source, dir, tok.vocabSize(), t.tokens(), v.tokens());
  }

  /** {@code file} itself when it fits in {@code maxBytes}, else its prefix copied to {@code copy}. */
  private static Path prefix(Path file, long maxBytes, Path copy) throws IOException {
    long n = TextPrefix.cut(file, maxBytes);
    if (n == Files.size(file)) return file;
    TextPrefix.copy(file, copy, n);
    return copy;
  }

  private static Map<String, Object> describe(Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", file.toAbsolutePath().normalize().toString());
    m.put("bytes", Files.size(file));
    m.put("modified", Files.getLastModifiedTime(file).toMillis());
    return m;
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String hash(String s) {
    CRC32C crc = new CRC32C();
    crc.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
