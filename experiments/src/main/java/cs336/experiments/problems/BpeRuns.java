package cs336.experiments.problems;

import cs336.bpe.BpeModel;
import cs336.bpe.Tokenizer;
import cs336.bpe.TrainingSummary;
import cs336.bpe.io.Gpt2Files;
import cs336.bpe.util.PeakMemory;
import cs336.experiments.cli.TrainBpeCommand;
import cs336.experiments.util.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the three tokenizer problems share: checking data paths, training, reporting, loading. */
final class BpeRuns {
  private BpeRuns() {}

  static final String EOT = "<|endoftext|>";

  /** The data file, or a clear error that says how to get it. */
  static Path requireData(Path file, String dataset) {
    if (!Files.isRegularFile(file)) {
      String standIn = dataset.equals("tinystories") ? "../shared/data/tinystories_real_train.txt" : "../shared/data/web_en_20M.txt";
      throw new IllegalArgumentException(file + " not found: download the data with `./cs336 download " + dataset
          + "`, or pass --data " + standIn + " to run on the stand-in corpus");
    }
    return file;
  }

  /** The tokenizer a training problem wrote into {@code dir}, or a clear error saying which problem to run. */
  static Tokenizer requireTokenizer(Path dir, String problem) throws Exception {
    Path v = dir.resolve("vocab.json"), m = dir.resolve("merges.txt");
    if (!Files.isRegularFile(v) || !Files.isRegularFile(m)) {
      throw new IllegalArgumentException(dir + " has no vocab.json/merges.txt: run `./cs336 experiment " + problem + "` first");
    }
    return Tokenizer.fromFiles(v, m, List.of(EOT));
  }

  /** Trains on {@code data} into {@code dir} and adds the handout's answers to {@code report}. */
  static TrainBpeCommand.Result trainAndReport(Report report, Path data, int vocabSize, Path dir, int threads,
      boolean progress, String corpusKind) throws Exception {
    TrainBpeCommand.Result r = TrainBpeCommand.train(data, vocabSize, List.of(EOT), dir, threads, progress);
    TrainingSummary s = r.trained().summary();
    double total = s.countSeconds() + s.mergeSeconds() + r.writeSeconds();
    byte[] longest = s.longestTokens().get(0);
    report.section("Time and memory");
    report.text(String.format(Locale.ROOT,
        "Training on `%s` (%,d bytes, %s) to a vocabulary of %,d (with `%s`) took **%.2f s** on %d threads "
            + "(%.5f hours), with a peak resident set of **%s** (peak Java heap %s).",
        data, s.inputBytes(), corpusKind, r.trained().model().vocabSize(), EOT, total, s.threads(), total / 3600,
        PeakMemory.format(s.peakRssBytes()), PeakMemory.format(s.peakHeapBytes())));
    report.table(List.of("phase", "seconds", "share"), List.of(
        row("pre-tokenize and count (parallel, memory-mapped)", s.countSeconds(), total),
        row("merge loop (pair counts, pair -> words index, heap)", s.mergeSeconds(), total),
        row("write vocab.json and merges.txt", r.writeSeconds(), total)));
    report.section("Longest token");
    report.text("The longest token is " + TrainingSummary.show(longest) + ". " + judge(longest)
        + " The five longest:\n\n" + bullets(s.longestTokens()));
    report.section("Profile");
    boolean countDominates = s.countSeconds() >= s.mergeSeconds();
    report.text(String.format(Locale.ROOT,
        "%s takes the most time (%.0f%% of the run): %s", countDominates ? "Pre-tokenization and counting" : "The merge loop",
        100 * Math.max(s.countSeconds(), s.mergeSeconds()) / total,
        countDominates
            ? String.format(Locale.ROOT, "every byte of the %,d-byte corpus goes through the GPT-2 pre-tokenizer and a hash "
                + "table (%.0f MB/s here), while the merge loop only works on the %,d distinct pre-tokens and touches, "
                + "per merge, only the words that contain the merged pair.", s.inputBytes(), s.countMbPerSecond(), s.distinctPreTokens())
            : String.format(Locale.ROOT, "the corpus has %,d distinct pre-tokens, and each of the %,d merges updates the "
                + "words that contain its pair.", s.distinctPreTokens(), s.merges())));
    return r;
  }

  private static List<String> row(String phase, double seconds, double total) {
    return List.of(phase, String.format(Locale.ROOT, "%.3f", seconds), String.format(Locale.ROOT, "%.0f%%", 100 * seconds / total));
  }

  static String bullets(List<byte[]> tokens) {
    List<String> lines = new ArrayList<>();
    for (byte[] t : tokens) lines.add("- `" + TrainingSummary.show(t).replace("`", "'") + "`");
    return String.join("\n", lines);
  }

  /** Whether a long token makes sense, judged from what it is made of. */
  static String judge(byte[] token) {
    String s = new String(token, StandardCharsets.UTF_8);
    String core = s.strip();
    if (!core.isEmpty() && core.codePoints().allMatch(Character::isLetter)) {
      return "It is a whole word" + (s.startsWith(" ") ? " with its leading space" : "")
          + ", frequent enough in this corpus to be worth one token: that makes sense.";
    }
    if (!core.isEmpty() && core.codePoints().distinct().count() <= 2) {
      return "It is a run of one repeated character (a separator line or indentation), which web-like text repeats "
          + "often; BPE merges such runs again and again, so it makes sense for this corpus, though it is of little use "
          + "for language modelling.";
    }
    if (core.isEmpty()) {
      return "It is a run of whitespace (indentation), frequent in text with code or formatting: it makes sense for this corpus.";
    }
    return "It is a frequent multi-word or mixed string of this corpus; BPE keeps merging strings that recur often.";
  }

  /** The shell command that reproduces a run: the problem and its flags, quoted where needed. */
  static String command(String problem, List<String> args) {
    StringBuilder sb = new StringBuilder("./cs336 experiment ").append(problem);
    for (String a : args) sb.append(' ').append(a.matches("[A-Za-z0-9_./=:,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    return sb.toString();
  }

  /** Vocabulary of a model as strings of its bytes (ISO-8859-1, one char per byte), for set operations. */
  static List<String> tokenKeys(BpeModel m) {
    List<String> out = new ArrayList<>();
    for (int id = 0; id < m.vocabSize(); id++) out.add(new String(m.token(id), StandardCharsets.ISO_8859_1));
    return out;
  }

  /** Reads a model written by a training problem, or null if there is none. */
  static BpeModel modelOrNull(Path dir) throws Exception {
    Path v = dir.resolve("vocab.json"), m = dir.resolve("merges.txt");
    return Files.isRegularFile(v) && Files.isRegularFile(m) ? Gpt2Files.read(v, m) : null;
  }
}
