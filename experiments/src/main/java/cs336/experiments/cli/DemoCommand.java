package cs336.experiments.cli;

import cs336.experiments.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./cs336 demo}: the whole pipeline, offline, in a few minutes; writes runs/demo/README.md. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Offline, in about 4 minutes: generate stories, train BPE, tokenize, train an LM, plot, write a story; report in runs/demo/README.md.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Use real TinyStories text from DIR (TinyStoriesV2-GPT4-train/valid.txt, or the tinystories_real_* stand-ins) instead of generated stories.")
  Path data;

  @Option(names = "--minutes", defaultValue = Demo.DEFAULT_MINUTES,
      description = "Wall-clock budget of the whole demo; training gets what the rest leaves (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR", description = "Folder of runs; writes DIR/demo/ (default: ${DEFAULT-VALUE}).")
  Path runs;

  @Mixin WorkOptions work;

  @Override
  public Integer call() throws Exception {
    try {
      Demo.run(new Demo.Options(runs, data, minutes, work.threads, work.progress), System.out);
    } catch (InterruptedException e) {
      System.out.println("demo: interrupted");
      return TrainCommand.INTERRUPTED;
    }
    return 0;
  }
}
