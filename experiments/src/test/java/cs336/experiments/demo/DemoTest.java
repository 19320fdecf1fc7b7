package cs336.experiments.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, on a budget of half a minute: every step ran and the report tells it. */
class DemoTest {
  @TempDir Path tmp;

  String demo(Path data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path readme = Demo.run(new Demo.Options(tmp, data, 0.5, 2, false), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(tmp.resolve("demo").resolve("README.md"), readme);
    String md = Files.readString(readme);
    for (String section : new String[] {"# demo: a language model trained from scratch in ", "## What happened",
        "| write the corpus |", "| train the BPE tokenizer and encode |", "| train the model |", "| generate a story |",
        "## Learning curves", "![training and validation loss](curves.png)", "## A story", "> Once upon a time",
        "```sh\n./cs336 demo"}) {
      assertTrue(md.contains(section), () -> "missing `" + section + "` in\n" + md);
    }
    assertTrue(Files.size(tmp.resolve("demo").resolve("curves.png")) > 5_000);
    Matcher m = Pattern.compile("the validation loss is \\*\\*([\\d.]+)\\*\\*").matcher(md);
    assertTrue(m.find(), md);
    assertTrue(Double.parseDouble(m.group(1)) < Math.log(1000) - 1, md);   // it learnt in 15 seconds
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\nOnce upon a time"), "the story was not streamed");
    return md;
  }

  @Test
  void generatedStoriesOffline() throws Exception {
    String md = demo(null);
    assertTrue(md.contains("generated stories") && md.contains("1,000-token"), md);
    assertTrue(md.contains("./cs336 demo --minutes 0.5"), md);
  }

  @Test
  void realTinyStoriesWithData() throws Exception {
    Path shared = Path.of(System.getProperty("cs336.shared", "../shared")).resolve("data");
    assumeTrue(Files.isRegularFile(shared.resolve("tinystories_real_train.txt")), "no " + shared
        + "/tinystories_real_train.txt: skipping the demo on real TinyStories");
    String md = demo(shared);
    assertTrue(md.contains("tinystories_real_train.txt") && md.contains("2,000-token"), md);
  }
}
