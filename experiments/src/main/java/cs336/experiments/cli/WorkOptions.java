package cs336.experiments.cli;

import picocli.CommandLine.Option;

/** {@code --threads} and {@code --progress/--no-progress}, shared by the tokenizer commands and problems. */
public final class WorkOptions {
  @Option(names = "--threads", description = "Worker threads (default: all cores, ${DEFAULT-VALUE}).")
  public int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show progress bars on stderr (default: on).")
  public boolean progress;
}
