package cs336.experiments.stories;

import cs336.experiments.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a corpus file of generated stories in the TinyStories text format: each story's
 * paragraphs on lines of their own, then a line {@code <|endoftext|>}.
 */
public final class StoryCorpus {
  private StoryCorpus() {}

  /** The line that ends every story, as in the TinyStories files. */
  public static final String SEPARATOR = "<|endoftext|>";

  /** What {@link #write} wrote. */
  public record Written(Path file, long stories, long bytes) {}

  /**
   * Writes stories 0, 1, 2, ... of {@code seed} to {@code out} (atomically) until the file holds at
   * least {@code minBytes} bytes; the last story is whole, so the file is at most one story longer.
   */
  public static Written write(Path out, long minBytes, long seed) throws IOException {
    if (minBytes < 1) throw new IllegalArgumentException("corpus size must be at least 1 byte, got " + minBytes);
    StoryGenerator gen = new StoryGenerator(seed);
    long[] counts = new long[2];
    AtomicFiles.write(out, stream -> {
      long bytes = 0, n = 0;
      while (bytes < minBytes) {
        byte[] story = (gen.story(n++) + "\n" + SEPARATOR + "\n").getBytes(StandardCharsets.UTF_8);
        stream.write(story);
        bytes += story.length;
      }
      counts[0] = n;
      counts[1] = bytes;
    });
    return new Written(out, counts[0], counts[1]);
  }
}
