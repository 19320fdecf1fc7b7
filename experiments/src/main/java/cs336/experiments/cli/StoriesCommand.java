package cs336.experiments.cli;

import cs336.experiments.stories.StoryCorpus;
import cs336.experiments.util.ByteSize;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 stories --out data/stories.txt --size 5MB --seed 1}: writes the embedded demo
 * corpus, simple children's stories separated by {@code <|endoftext|>} lines.
 */
@Command(name = "stories", mixinStandardHelpOptions = true,
    description = "Write a corpus of generated children's stories (the offline demo data), separated by <|endoftext|> lines.")
public final class StoriesCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Text file to write (atomically).")
  Path out;

  @Option(names = "--size", defaultValue = "5MB", converter = ByteSize.Converter.class, paramLabel = "SIZE",
      description = "Write stories until the file has at least this many bytes: 5MB, 500kB, 1GiB, ... (default: ${DEFAULT-VALUE}).")
  ByteSize size;

  @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed gives the same stories (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    StoryCorpus.Written w = StoryCorpus.write(out, size.bytes(), seed);
    System.out.printf("wrote %s: %,d stories, %,d bytes (seed %d) in %.1f s%n",
        w.file(), w.stories(), w.bytes(), seed, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
