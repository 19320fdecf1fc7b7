package cs336.experiments.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cs336.bpe.io.NpyTokens;
import cs336.experiments.cli.BpeCommandsTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three tokenizer problems on small corpora cut from the shared data (small vocabularies): the
 * reports exist, hold sane numbers and their reproduce commands; the encoded splits are there.
 */
class BpeProblemsTest {
  @TempDir Path tmp;

  /** The first {@code n} bytes of a shared data file, cut back to a line end, into {@code dir/name}. */
  Path head(String shared, int n, String name) throws Exception {
    Path src = Path.of(System.getProperty("cs336.shared", "../../shared")).resolve("data").resolve(shared);
    assumeTrue(Files.isReadable(src), "skipped: " + src + " is not there (the shared folder is absent)");
    byte[] b;
    try (var in = Files.newInputStream(src)) {
      b = in.readNBytes(n);
    }
    int end = b.length;
    while (end > 0 && b[end - 1] != '\n') end--;
    Path p = tmp.resolve("data").resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, java.util.Arrays.copyOf(b, end));
    return p;
  }

  static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> "no match for " + regex + " in:\n" + text);
    return Double.parseDouble(m.group(1).replace(",", ""));
  }

  @Test
  void allThreeProblemsOnSmallCorpora() throws Exception {
    Path ts = head("tinystories_real_train.txt", 400_000, "TinyStoriesV2-GPT4-train.txt");
    head("tinystories_real_valid.txt", 100_000, "TinyStoriesV2-GPT4-valid.txt");
    Path owt = head("web_en_20M.txt", 600_000, "owt_train.txt");
    head("web_en_valid.txt", 200_000, "owt_valid.txt");
    Path runs = tmp.resolve("runs");

    Object[] r = BpeCommandsTestSupport.run("experiment", "train_bpe_tinystories", "--data", ts.toString(), "--vocab-size", "400",
        "--runs", runs.toString(), "--no-progress");
    assertEquals(0, r[0], (String) r[1]);
    String tsReport = Files.readString(runs.resolve("train_bpe_tinystories/README.md"));
    assertTrue(tsReport.startsWith("# train_bpe_tinystories"));
    assertTrue(number(tsReport, "took \\*\\*([0-9.]+) s\\*\\*") > 0);
    assertTrue(tsReport.contains("The longest token is"));
    assertTrue(tsReport.contains("./cs336 experiment train_bpe_tinystories --data " + ts));
    assertTrue(Files.exists(runs.resolve("train_bpe_tinystories/vocab.json")));

    r = BpeCommandsTestSupport.run("experiment", "train_bpe_expts_owt", "--data", owt.toString(), "--vocab-size", "500",
        "--runs", runs.toString(), "--no-progress");
    assertEquals(0, r[0], (String) r[1]);
    String owtReport = Files.readString(runs.resolve("train_bpe_expts_owt/README.md"));
    double shared = number(owtReport, "([0-9,]+) of the TinyStories tokenizer's 400 tokens");
    assertTrue(shared >= 257 && shared <= 400, "shared tokens " + shared);

    Path tokens = tmp.resolve("tokens");
    r = BpeCommandsTestSupport.run("experiment", "tokenizer_experiments", "--data", tmp.resolve("data").toString(),
        "--runs", runs.toString(), "--tokens-dir", tokens.toString(), "--no-progress");
    assertEquals(0, r[0], (String) r[1]);
    String report = Files.readString(runs.resolve("tokenizer_experiments/README.md"));
    double tsRatio = number(report, "compresses its own data to \\*\\*([0-9.]+) bytes/token");
    double owtRatio = number(report, "its own to \\*\\*([0-9.]+) bytes/token");
    assertTrue(tsRatio > 1.5 && tsRatio < 8, "TinyStories ratio " + tsRatio);
    assertTrue(owtRatio > 1.5 && owtRatio < 8, "OWT ratio " + owtRatio);
    double cross = number(report, "comes to ([0-9.]+) bytes/token with the TinyStories tokenizer");
    assertTrue(cross < owtRatio, "TinyStories tokenizer should compress web text worse: " + cross + " vs " + owtRatio);
    assertTrue(number(report, "\\*\\*([0-9.]+) MB/s on one thread\\*\\*") > 0);
    assertTrue(number(report, "would take ([0-9.]+) hours on one thread") > 0);
    for (String f : new String[] {"tinystories_train.npy", "tinystories_valid.npy", "owt_train.npy", "owt_valid.npy"}) {
      assertEquals(2, NpyTokens.header(tokens.resolve(f)).width(), f + " should be uint16");
    }
    long tsTokens = NpyTokens.header(tokens.resolve("tinystories_train.npy")).length();
    assertTrue(tsTokens > 400_000 / 8 && tsTokens < 400_000, "tokens " + tsTokens);
    assertTrue(report.contains("./cs336 experiment tokenizer_experiments --data " + tmp.resolve("data")));
  }

  @Test
  void missingDataSaysHowToDownloadIt() throws Exception {
    Object[] r = BpeCommandsTestSupport.run("experiment", "train_bpe_tinystories", "--data", tmp.resolve("nope.txt").toString(),
        "--runs", tmp.toString(), "--no-progress");
    assertEquals(1, r[0]);
    assertTrue(((String) r[1]).contains("./cs336 download tinystories"), (String) r[1]);
    r = BpeCommandsTestSupport.run("experiment", "tokenizer_experiments", "--data", tmp.toString(), "--runs", tmp.toString(),
        "--no-progress");
    assertEquals(1, r[0]);
    assertTrue(((String) r[1]).contains("./cs336 download"), (String) r[1]);
    assertTrue(new String(((String) r[1]).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).lines().count() == 1);
  }
}
