package cs336.experiments.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each problem main runs through the CLI and writes a README with the right numbers in it. */
class ProblemsTest {

  @TempDir Path tmp;

  String run(String problemId) throws IOException {
    CommandLine cl = Cli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute("experiment", problemId, "--runs", tmp.toString());
    assertEquals(0, status, () -> problemId + " failed: " + err);
    Path readme = tmp.resolve(problemId).resolve("README.md");
    assertTrue(Files.exists(readme), readme + " not written");
    String md = Files.readString(readme);
    assertTrue(md.startsWith("# " + problemId + ": "), md);
    assertTrue(md.contains("```sh\n./cs336 experiment " + problemId + "\n```"), "no reproduce command in\n" + md);
    assertTrue(!md.contains("\u0000"), "a raw NUL made it into the markdown");
    return md;
  }

  static void assertContains(String md, String... needles) {
    for (String n : needles) assertTrue(md.contains(n), () -> "missing `" + n + "` in\n" + md);
  }

  @Test
  void unicode1() throws IOException {
    String md = run("unicode1");
    assertContains(md, "U+0000", "**NULL**", "`'\\x00'`", "`'this is a test\\x00string'`", "`this is a teststring`",
        "21 characters, 20 visible");
  }

  @Test
  void unicode2() throws IOException {
    String md = run("unicode2");
    assertContains(md,
        "| `Once upon a time, there was a little girl named Lily.` | 53 | 53 | 106 | 212 |",
        "`b'h\\xc3\\xa9llo'`", "can't decode byte 0xc3 in position 0: unexpected end of data",
        "`b'\\xc0\\x80'`", "| `b'\\xc3\\xa9'` | yes: `'é'` |",
        "only 18,304 decode", "the other 47,232 do not");
  }

  @Test
  void transformerAccounting() throws IOException {
    String md = run("transformer_accounting");
    assertContains(md, "**2,127,057,600 parameters (2.13 billion)**", "8.51 GB",
        "**Total: 4,513,336,524,800 FLOPs ≈ 4.51 TFLOPs**",
        "| GPT-2 small | 12 | 768 | 12 | 3,072 | 190.46 million |",
        "149.52 TFLOPs", "**22,696,448 parameters**", "gives 124,439,808",
        "| TinyStories | 22,696,448 | 22,696,448 | yes |", "| TinyStories, tied embeddings | 17,576,448 | 17,576,448 | yes |");
    assertTrue(!md.contains("| **no** |"), md);
  }

  @Test
  void adamwAccounting() throws IOException {
    String md = run("adamwAccounting");
    assertContains(md, "P = 2,127,057,600", "18.03 GB · batch_size + 34.03 GB",
        "at most batch_size = 2 fits in 80 GB", "**14·P = 29,778,806,400 FLOPs**", "**6,224 hours (259 days)**");
  }

  @Test
  void learningRateTuning() throws IOException {
    String md = run("learning_rate_tuning");
    assertContains(md, "| iteration | lr = 1e1 | lr = 1e2 | lr = 1e3 |", "decays steadily", "the loss diverges");
    double[] a = LearningRateTuning.losses(1e1), b = LearningRateTuning.losses(1e2), c = LearningRateTuning.losses(1e3);
    assertEquals(a[0], b[0]);                                       // the same initial weights
    assertTrue(a[9] < a[0] && a[9] > 0.1 * a[0], "lr 1e1 decays slowly");
    assertEquals(b[0], b[1], 1e-3 * b[0]);                          // lr 1e2: the first step flips the signs
    assertTrue(b[9] < 1e-10 * b[0], "lr 1e2 reaches the minimum");
    assertTrue(c[9] > 1e10 * c[0], "lr 1e3 diverges");
  }

  @Test
  void pythonReprMatchesPython() {
    assertEquals("'\\x00'", PythonRepr.str("\u0000"));
    assertEquals("\"it's\"", PythonRepr.str("it's"));
    assertEquals("'a\\nb\\t\\\\'", PythonRepr.str("a\nb\t\\"));
    assertEquals("'é\\u200b🙂'", PythonRepr.str("é\u200b🙂"));
    assertEquals("b'h\\xc3\\xa9\\x00\\''", PythonRepr.bytes(new byte[] {'h', (byte) 0xc3, (byte) 0xa9, 0, '\''}));
  }

  @Test
  void theWrongDecoderWorksOnAsciiAndFailsOnMultiByteCharacters() {
    assertEquals("hello", Unicode2.decodeWrong("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)).text());
    assertTrue(Unicode2.decodeWrong("こんにちは".getBytes(java.nio.charset.StandardCharsets.UTF_8)).failure().isPresent());
    assertTrue(Unicode2.strictDecode(new byte[] {(byte) 0xc0, (byte) 0x80}).failure().isPresent());
  }
}
