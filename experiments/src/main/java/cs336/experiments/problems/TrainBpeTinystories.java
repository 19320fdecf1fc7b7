package cs336.experiments.problems;

import cs336.experiments.util.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Problem {@code train_bpe_tinystories}: train a byte-level BPE tokenizer on TinyStories with a
 * vocabulary of 10,000 and {@code <|endoftext|>}; report time, memory, the longest token, and which
 * phase takes the most time. Writes {@code vocab.json}, {@code merges.txt} and {@code README.md} into
 * {@code runs/train_bpe_tinystories/}.
 */
@Command(name = "train_bpe_tinystories", mixinStandardHelpOptions = true,
    description = "Train a 10,000-token byte-level BPE on TinyStories; report time, memory, longest token, profile.")
public final class TrainBpeTinystories implements Callable<Integer> {
  static final String ID = "train_bpe_tinystories";

  @Option(names = "--data", description = "TinyStories training text (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data/TinyStoriesV2-GPT4-train.txt");

  @Option(names = "--vocab-size", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
  int vocabSize = 10_000;

  @Option(names = "--runs", description = "Folder of run outputs (default: ${DEFAULT-VALUE}).")
  Path runs = Path.of("runs");

  @Option(names = "--threads", description = "Threads (default: all cores, ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show progress bars on stderr (default: on).")
  boolean progress;

  public static void main(String[] args) {
    String[] all = new String[args.length + 2];
    all[0] = "experiment";
    all[1] = ID;
    System.arraycopy(args, 0, all, 2, args.length);
    System.exit(cs336.experiments.Cli.run(all)); // with the CLI's handling of user errors
  }

  @Override
  public Integer call() throws Exception {
    BpeRuns.requireData(data, "tinystories");
    Path dir = runs.resolve(ID);
    Report report = new Report(ID, "BPE training on TinyStories");
    report.text("Byte-level BPE (GPT-2 pre-tokenizer, ties toward the lexicographically greater pair) trained with "
        + "`cs336.bpe.BpeTrainer`; the vocabulary and merges are in `vocab.json` and `merges.txt` beside this file.");
    BpeRuns.trainAndReport(report, data, vocabSize, dir, threads, progress, "TinyStories stories");
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--vocab-size", String.valueOf(vocabSize)));
    if (!runs.equals(Path.of("runs"))) args.addAll(List.of("--runs", runs.toString()));
    report.reproduce(BpeRuns.command(ID, args));
    report.save(dir);
    return 0;
  }
}
