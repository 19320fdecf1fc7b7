package cs336.experiments.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.Cli;
import cs336.experiments.util.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoryCorpusTest {

  @TempDir Path tmp;

  @Test
  void writesWholeStoriesUntilTheSizeIsReachedInTheTinyStoriesFormat() throws IOException {
    Path file = tmp.resolve("data/stories.txt");
    StoryCorpus.Written w = StoryCorpus.write(file, 200_000, 1);
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(w.bytes(), bytes.length);
    assertTrue(bytes.length >= 200_000 && bytes.length < 200_000 + 4_000, bytes.length + " bytes");
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n<|endoftext|>\n"));
    List<String> lines = text.lines().toList();
    long separators = lines.stream().filter(l -> l.equals(StoryCorpus.SEPARATOR)).count();
    assertEquals(w.stories(), separators);
    assertTrue(lines.stream().noneMatch(String::isBlank), "blank line in the corpus");
    assertTrue(lines.stream().filter(l -> l.contains("<|endoftext|>")).allMatch(l -> l.equals(StoryCorpus.SEPARATOR)),
        "a separator that is not a line of its own");
    assertTrue(!lines.getFirst().equals(StoryCorpus.SEPARATOR));
    // Story i of the file is story i of the generator.
    String[] stories = text.split("\n<\\|endoftext\\|>\n");
    assertEquals(new StoryGenerator(1).story(5), stories[5]);
  }

  @Test
  void aSmallerCorpusOfTheSameSeedIsAPrefix() throws IOException {
    StoryCorpus.write(tmp.resolve("small.txt"), 30_000, 9);
    StoryCorpus.write(tmp.resolve("big.txt"), 90_000, 9);
    StoryCorpus.write(tmp.resolve("other.txt"), 30_000, 10);
    String small = Files.readString(tmp.resolve("small.txt"));
    assertTrue(Files.readString(tmp.resolve("big.txt")).startsWith(small));
    assertTrue(!Files.readString(tmp.resolve("other.txt")).equals(small));
    assertEquals(small, Files.readString(tmp.resolve("small.txt")));
  }

  @Test
  void storiesCommandWritesTheCorpus() throws IOException {
    Path file = tmp.resolve("cli.txt");
    CommandLine cl = Cli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute("stories", "--out", file.toString(), "--size", "50kB", "--seed", "3"), err.toString());
    assertTrue(Files.size(file) >= 50_000);
    assertTrue(Files.readString(file).startsWith(new StoryGenerator(3).story(0) + "\n<|endoftext|>\n"));

    assertEquals(2, cl.execute("stories", "--out", file.toString(), "--size", "lots"));
    assertTrue(err.toString().contains("not a size: 'lots'"), err.toString());
  }

  @Test
  void byteSizes() {
    assertEquals(5_000_000, ByteSize.parse("5MB").bytes());
    assertEquals(500_000, ByteSize.parse("500kB").bytes());
    assertEquals(1_610_612_736L, ByteSize.parse("1.5GiB").bytes());
    assertEquals(2_048, ByteSize.parse("2048").bytes());
    assertEquals(1_024, ByteSize.parse("1 KiB").bytes());
    assertEquals(3, ByteSize.parse("3b").bytes());
    for (String bad : List.of("", "MB", "-5MB", "5XB", "1.2.3")) {
      try {
        ByteSize.parse(bad);
        throw new AssertionError("accepted '" + bad + "'");
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().contains("not a size"));
      }
    }
  }
}
