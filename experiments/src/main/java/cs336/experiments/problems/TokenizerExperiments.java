package cs336.experiments.problems;

import cs336.bpe.FileEncoder;
import cs336.bpe.Tokenizer;
import cs336.bpe.io.MappedText;
import cs336.experiments.cli.TokenizeCommand;
import cs336.experiments.cli.WorkOptions;
import cs336.experiments.util.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Problem {@code tokenizer_experiments}: (a) the compression ratio (bytes per token) of the
 * TinyStories and OpenWebText tokenizers on 10 documents sampled from their own data, (b) the
 * OpenWebText sample encoded with the TinyStories tokenizer, (c) the throughput and the time it would
 * take to tokenize the Pile (825 GB), (d) the train and valid splits encoded into uint16 {@code .npy}
 * arrays for training.
 */
@Command(name = TokenizerExperiments.ID, mixinStandardHelpOptions = true,
    description = "Compression ratios, cross-tokenizer comparison, throughput, and the encoded train/valid splits.")
public final class TokenizerExperiments implements Callable<Integer> {
  static final String ID = "tokenizer_experiments";
  static final double PILE_BYTES = 825e9;

  @Option(names = "--data", description = "Folder with the data sets (default: ${DEFAULT-VALUE}); the real file names "
      + "are looked for first, then the stand-ins of ../shared/data.")
  Path data = Path.of("data");

  @Option(names = "--ts-train", description = "TinyStories train text (default: from --data).")
  Path tsTrain;

  @Option(names = "--ts-valid", description = "TinyStories valid text (default: from --data).")
  Path tsValid;

  @Option(names = "--owt-train", description = "OpenWebText train text (default: from --data).")
  Path owtTrain;

  @Option(names = "--owt-valid", description = "OpenWebText valid text (default: from --data).")
  Path owtValid;

  /** {@code --runs}: where the report goes, and where the two training problems wrote their tokenizers. */
  @Mixin ProblemMain out;

  @Option(names = "--tokens-dir", description = "Where the encoded .npy splits go (default: ${DEFAULT-VALUE}).")
  Path tokensDir = Path.of("data/tokens");

  @Option(names = "--encode", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Encode the train/valid splits into .npy (default: on).")
  boolean encode;


  @Mixin WorkOptions work;

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  /** A data file: the option if given, else the real name in --data, else the stand-in's name. */
  private Path resolve(Path given, String real, String standIn, String dataset) {
    if (given != null) return BpeRuns.requireData(given, dataset);
    Path r = data.resolve(real);
    if (Files.isRegularFile(r)) return r;
    Path s = data.resolve(standIn);
    if (Files.isRegularFile(s)) return s;
    return BpeRuns.requireData(r, dataset);
  }

  @Override
  public Integer call() throws Exception {
    Path tsT = resolve(tsTrain, "TinyStoriesV2-GPT4-train.txt", "tinystories_real_train.txt", "tinystories");
    Path tsV = resolve(tsValid, "TinyStoriesV2-GPT4-valid.txt", "tinystories_real_valid.txt", "tinystories");
    Path owtT = resolve(owtTrain, "owt_train.txt", "web_en_20M.txt", "owt");
    Path owtV = resolve(owtValid, "owt_valid.txt", "web_en_valid.txt", "owt");
    Tokenizer ts = BpeRuns.requireTokenizer(out.dir(TrainBpeTinystories.ID), TrainBpeTinystories.ID);
    Tokenizer owt = BpeRuns.requireTokenizer(out.dir(TrainBpeExptsOwt.ID), TrainBpeExptsOwt.ID);

    Report report = new Report(ID, "Tokenizer experiments");
    List<String> tsDocs = sampleDocuments(tsV, 10, 0);
    List<String> owtDocs = sampleDocuments(owtV, 10, 0);
    double tsOnTs = ratio(ts, tsDocs), owtOnOwt = ratio(owt, owtDocs), tsOnOwt = ratio(ts, owtDocs), owtOnTs = ratio(owt, tsDocs);

    report.section("(a) Compression ratio");
    report.text(String.format(Locale.ROOT,
        "On 10 documents sampled (seed 0) from `%s` and `%s`, the TinyStories tokenizer (%,d tokens) compresses its own "
            + "data to **%.2f bytes/token** and the OpenWebText tokenizer (%,d tokens) its own to **%.2f bytes/token**.",
        tsV, owtV, ts.vocabSize(), tsOnTs, owt.vocabSize(), owtOnOwt));
    report.table(List.of("tokenizer", "TinyStories sample", "OpenWebText sample"), List.of(
        List.of("TinyStories (" + ts.vocabSize() + ")", fmt(tsOnTs), fmt(tsOnOwt)),
        List.of("OpenWebText (" + owt.vocabSize() + ")", fmt(owtOnTs), fmt(owtOnOwt))));

    report.section("(b) OpenWebText with the TinyStories tokenizer");
    report.text(String.format(Locale.ROOT,
        "The OpenWebText sample comes to %.2f bytes/token with the TinyStories tokenizer against %.2f with its own (%.0f%% more "
            + "tokens): the TinyStories vocabulary lacks the web's wider lexicon, numbers and formatting, so those "
            + "split into many short pieces.", tsOnOwt, owtOnOwt, 100 * (owtOnOwt / tsOnOwt - 1)));

    report.section("(c) Throughput");
    Path sample = owtV;
    double[] single = throughput(owt, sample, 1);
    double[] multi = throughput(owt, sample, work.threads);
    report.text(String.format(Locale.ROOT,
        "Encoding `%s` (%,.0f bytes) with the OpenWebText tokenizer runs at **%.1f MB/s on one thread** and %.1f MB/s on %d "
            + "threads. Tokenizing the Pile (825 GB) would take %.1f hours on one thread, %.1f hours on %d threads.",
        sample, single[0], single[1] / 1e6, multi[1] / 1e6, work.threads, PILE_BYTES / single[1] / 3600,
        PILE_BYTES / multi[1] / 3600, work.threads));

    report.section("(d) Encoded splits");
    if (encode) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(encodeSplit(ts, tsT, "tinystories_train.npy"));
      rows.add(encodeSplit(ts, tsV, "tinystories_valid.npy"));
      rows.add(encodeSplit(owt, owtT, "owt_train.npy"));
      rows.add(encodeSplit(owt, owtV, "owt_valid.npy"));
      report.table(List.of("split", "bytes", "tokens", "bytes/token", "seconds", "file"), rows);
      report.text("The arrays are `uint16`: both vocabularies have fewer than 65,536 tokens, so every id fits in two bytes, "
          + "half the space of `int32`, and `numpy.load(path, mmap_mode='r')` maps them without reading them.");
    } else {
      report.text("Skipped (`--no-encode`).");
    }
    report.reproduce(BpeRuns.command(ID, reproduceArgs()));
    report.save(out.dir(ID));
    return 0;
  }

  private List<String> reproduceArgs() {
    List<String> a = new ArrayList<>();
    if (!data.equals(Path.of("data"))) a.addAll(List.of("--data", data.toString()));
    if (tsTrain != null) a.addAll(List.of("--ts-train", tsTrain.toString()));
    if (tsValid != null) a.addAll(List.of("--ts-valid", tsValid.toString()));
    if (owtTrain != null) a.addAll(List.of("--owt-train", owtTrain.toString()));
    if (owtValid != null) a.addAll(List.of("--owt-valid", owtValid.toString()));
    if (!out.runs.equals(Path.of("runs"))) a.addAll(List.of("--runs", out.runs.toString()));
    if (!tokensDir.equals(Path.of("data/tokens"))) a.addAll(List.of("--tokens-dir", tokensDir.toString()));
    if (!encode) a.add("--no-encode");
    return a;
  }

  private List<String> encodeSplit(Tokenizer tok, Path input, String name) throws Exception {
    Path out = tokensDir.resolve(name);
    FileEncoder.Stats s = TokenizeCommand.encode(tok, input, out, work.threads, work.progress);
    return List.of(input.toString(), String.format(Locale.ROOT, "%,d", s.bytes()), String.format(Locale.ROOT, "%,d", s.tokens()),
        fmt(s.bytesPerToken()), String.format(Locale.ROOT, "%.2f", s.seconds()), "`" + out + "`");
  }

  /** {bytes, bytes per second} for encoding up to 64 MB of {@code file} on {@code threads} threads. */
  private static double[] throughput(Tokenizer tok, Path file, int threads) throws Exception {
    Path tmp = Files.createTempFile("cs336-throughput", ".txt");
    try {
      byte[] head;
      try (MappedText t = MappedText.open(file)) {
        head = t.read(0, Math.min(t.size(), 64L << 20));
      }
      Files.write(tmp, head);
      FileEncoder.encode(tok, tmp, threads, (ids, n) -> {}, d -> {}); // warm up the JIT
      FileEncoder.Stats s = FileEncoder.encode(tok, tmp, threads, (ids, n) -> {}, d -> {});
      return new double[] {s.bytes(), s.bytesPerSecond()};
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static double ratio(Tokenizer tok, List<String> docs) {
    long bytes = 0, tokens = 0;
    for (String d : docs) {
      bytes += d.getBytes(StandardCharsets.UTF_8).length;
      tokens += tok.encode(d).length;
    }
    return (double) bytes / Math.max(1, tokens);
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  /**
   * {@code n} documents (text between {@code <|endoftext|>}) drawn at random, with a fixed seed, from
   * the first 64 MB of {@code file}.
   */
  static List<String> sampleDocuments(Path file, int n, long seed) throws Exception {
    String text;
    try (MappedText t = MappedText.open(file)) {
      text = new String(t.read(0, Math.min(t.size(), 64L << 20)), StandardCharsets.UTF_8);
    }
    List<String> docs = new ArrayList<>();
    for (String d : text.split(java.util.regex.Pattern.quote(BpeRuns.EOT))) {
      if (!d.isBlank()) docs.add(d.strip());
    }
    if (docs.size() > 1) docs.remove(docs.size() - 1); // the last may be cut at 64 MB
    if (docs.isEmpty()) throw new IllegalArgumentException(file + ": no documents found");
    java.util.Collections.shuffle(docs, new Random(seed));
    return docs.subList(0, Math.min(n, docs.size()));
  }
}
