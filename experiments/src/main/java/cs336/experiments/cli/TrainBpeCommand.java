package cs336.experiments.cli;

import cs336.bpe.BpeTrainer;
import cs336.bpe.TrainingSummary;
import cs336.bpe.io.Gpt2Files;
import cs336.bpe.util.PeakMemory;
import cs336.experiments.util.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 train-bpe}: trains a byte-level BPE tokenizer on a text file and writes GPT-2 style
 * {@code vocab.json} and {@code merges.txt} plus {@code summary.txt} (time per phase, peak memory,
 * longest tokens) into {@code --out}, each atomically.
 */
@Command(name = "train-bpe", mixinStandardHelpOptions = true,
    description = "Train a byte-level BPE tokenizer on a text file; write vocab.json, merges.txt and summary.txt.")
public final class TrainBpeCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Training text (UTF-8), any size.")
  Path input;

  @Option(names = "--vocab-size", required = true, description = "Final vocabulary size, special tokens included (e.g. 10000).")
  int vocabSize;

  @Option(names = "--special-token", description = "A special token, e.g. '<|endoftext|>' (repeatable).")
  List<String> specialTokens = new ArrayList<>();

  @Option(names = "--out", required = true, description = "Folder for vocab.json, merges.txt, summary.txt.")
  Path out;


  @Mixin WorkOptions work;

  @Override
  public Integer call() throws Exception {
    Result r = train(input, vocabSize, specialTokens, out, work.threads, work.progress);
    System.out.println(r.text());
    System.out.println("wrote " + out.resolve("vocab.json") + ", " + out.resolve("merges.txt") + ", " + out.resolve("summary.txt"));
    return 0;
  }

  /** A finished run: the trainer's result, the seconds spent writing, and the summary text. */
  public record Result(BpeTrainer.Result trained, double writeSeconds, String text) {}

  /** Trains and writes the files; shared with the experiment mains. */
  public static Result train(Path input, int vocabSize, List<String> specials, Path out, int threads, boolean progress)
      throws Exception {
    BpeTrainer.Result r;
    try (Progress bars = new Progress(progress)) {
      r = BpeTrainer.train(input, new BpeTrainer.Options(vocabSize, specials, threads), bars);
    }
    long t0 = System.nanoTime();
    Gpt2Files.write(out, r.model());
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    TrainingSummary s = r.summary();
    String text = "train-bpe " + input + " -> vocab " + r.model().vocabSize() + "\n" + s.describe()
        + String.format("%nwrite          %.3f s%ntotal          %.3f s (peak RSS now %s)", writeSeconds,
            s.countSeconds() + s.mergeSeconds() + writeSeconds, PeakMemory.format(PeakMemory.peakRssBytes()));
    AtomicFiles.writeString(out.resolve("summary.txt"), text + "\n");
    return new Result(r, writeSeconds, text);
  }
}
