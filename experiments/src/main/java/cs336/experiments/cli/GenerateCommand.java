package cs336.experiments.cli;

import cs336.bpe.Tokenizer;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainConfigs;
import cs336.experiments.train.Trainer;
import cs336.nn.layers.TransformerLM;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 generate --checkpoint C --tokenizer DIR --prompt "Once upon a time"}: writes the
 * prompt and its continuation to stdout as the tokens are chosen, until {@code <|endoftext|>} or
 * --max-tokens; the speed goes to stderr.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate text from a trained model, streamed as it is produced; stops at <|endoftext|>.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--checkpoint", required = true, paramLabel = "FILE|RUN",
      description = "A checkpoint file, or a run directory (its latest checkpoint).")
  Path checkpoint;

  @Option(names = "--tokenizer", paramLabel = "DIR",
      description = "Folder with vocab.json and merges.txt (default: the tokenizer named in the run's config.json).")
  Path tokenizer;

  @Option(names = "--prompt", defaultValue = "Once upon a time", description = "Text to continue (default: ${DEFAULT-VALUE}).")
  String prompt;

  @Option(names = "--max-tokens", defaultValue = "256", description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", defaultValue = "0.8", description = "Softmax temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
  float temperature;

  @Option(names = "--top-p", defaultValue = "0.9", description = "Nucleus sampling mass in (0, 1] (default: ${DEFAULT-VALUE}).")
  float topP;

  @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda", description = "Where to run (default: ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws Exception {
    Path tokDir = tokenizer != null ? tokenizer : tokenizerOfRun();
    Tokenizer tok = TextGenerator.tokenizer(tokDir);
    TransformerLM model = TextGenerator.load(checkpoint, Trainer.openDevice(device, "fp32"));
    if (tok.vocabSize() > model.config().vocabSize()) {
      throw new IllegalArgumentException("tokenizer " + tokDir + " has " + tok.vocabSize() + " tokens but the model only "
          + model.config().vocabSize() + ": they do not belong together");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.print(prompt);
    TextGenerator.Sample s = TextGenerator.generate(model, tok, prompt, maxTokens, temperature, topP, seed, piece -> {
      out.print(piece);
      out.flush();
    });
    out.println();
    System.err.printf(Locale.ROOT, "(%d tokens in %.2f s, %.1f tokens/s; %s)%n", s.tokens(), s.seconds(),
        s.tokensPerSecond(), s.stopped() ? "stopped at <|endoftext|>" : "reached --max-tokens");
    return 0;
  }

  /** The tokenizer recorded in the config.json of the run the checkpoint belongs to. */
  private Path tokenizerOfRun() throws Exception {
    Path run = Files.isDirectory(checkpoint) ? checkpoint
        : checkpoint.toAbsolutePath().getParent() == null ? null : checkpoint.toAbsolutePath().getParent().getParent();
    if (run != null && Files.isRegularFile(run.resolve(TrainConfigs.FILE_NAME))) {
      TrainConfig c = TrainConfigs.read(run);
      if (c.tokenizer() != null) return Path.of(c.tokenizer());
    }
    throw new IllegalArgumentException("--tokenizer is needed: " + checkpoint + " is not in a run whose config.json names one");
  }
}
