package cs336.experiments.cli;

import cs336.bpe.Tokenizer;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.metrics.MetricsLog;
import cs336.experiments.metrics.RunSummary;
import cs336.experiments.train.CheckpointFiles;
import cs336.experiments.train.Scale;
import cs336.experiments.train.TrainConfig;
import cs336.experiments.train.TrainConfigs;
import cs336.experiments.train.TrainResult;
import cs336.experiments.train.Trainer;
import cs336.experiments.util.AtomicFiles;
import cs336.nn.layers.TransformerLM;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 train}: trains a Transformer LM on token files into {@code runs/<name>/}. Settings
 * come from the defaults (the handout's TinyStories run), {@code --scale}, {@code --config FILE} and
 * the flags, in that order; the resolved config is printed and saved as {@code config.json}.
 * Exit status: 0 finished (or stopped by --max-minutes), 130 interrupted (checkpoint written),
 * 3 diverged, 1 bad input.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a Transformer LM on token files (.npy/.bin): metrics, checkpoints, --resume, Ctrl-C saves.",
    footer = {"", "Settings: defaults < --scale < --config FILE < flags. Example:",
        "  ./cs336 train --scale cpu --train data/train.npy --valid data/valid.npy --tokenizer runs/bpe --name first"})
public final class TrainCommand implements Callable<Integer> {
  /** Exit status of a run that diverged. */
  public static final int DIVERGED = 3;
  /** Exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it). */
  public static final int INTERRUPTED = 130;

  @Option(names = "--scale", converter = ScaleConverter.class, paramLabel = "tiny|cpu|gpu",
      description = "Preset: tiny (seconds), cpu (a few million parameters, 20 minutes on 2 cores), gpu (the handout's run, the default settings).")
  Scale scale;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON file of settings (snake_case keys as in config.json).")
  Path configFile;

  @Option(names = "--name", defaultValue = "train", description = "Run name: writes runs/<name>/ (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR", description = "Folder of runs (default: ${DEFAULT-VALUE}).")
  Path runs;

  @Option(names = "--resume", description = "Continue runs/<name> from its latest checkpoint, with its saved config.")
  boolean resume;

  @Option(names = "--overwrite", description = "Start runs/<name> over, deleting its metrics and checkpoints.")
  boolean overwrite;

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Progress bar on stderr (default: on); --no-progress prints a line per log step instead.")
  boolean progress;

  @Option(names = "--sample", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "End with a story from the model when the tokenizer is known (default: on).")
  boolean sample;

  @Mixin TrainFlags flags;

  @Override
  public Integer call() throws Exception {
    if (resume && overwrite) throw new IllegalArgumentException("--resume and --overwrite exclude each other");
    Path dir = runs.resolve(name);
    TrainConfig config;
    if (resume) {
      config = TrainConfigs.mergeForResume(TrainConfigs.read(dir), configFile, flags.values(), dir);
    } else {
      prepareFreshDir(dir, overwrite);
      config = TrainConfigs.merge(scale, configFile, flags.values());
      config = config.resolved(config.tokenizer() == null ? null : tokenizerVocab(Path.of(config.tokenizer())));
    }
    TrainResult r = Trainer.train(config, new Trainer.Options(dir, resume, progress, System.out));
    if (sample && r.config().tokenizer() != null && r.checkpoint() != null && r.status() != TrainResult.Status.DIVERGED) {
      writeSample(r);
    }
    return switch (r.status()) {
      case FINISHED, TIME_LIMIT -> 0;
      case INTERRUPTED -> INTERRUPTED;
      case DIVERGED -> DIVERGED;
    };
  }

  /** The vocabulary size of the tokenizer in {@code dir}. */
  static int tokenizerVocab(Path dir) throws IOException {
    return TextGenerator.tokenizer(dir).vocabSize();
  }

  /**
   * A new run needs an empty place: a directory already holding a run is refused (it would mix two
   * runs' metrics) unless {@code overwrite}, which deletes exactly the files a run writes.
   */
  public static void prepareFreshDir(Path dir, boolean overwrite) throws IOException {
    List<Path> runFiles = Stream.of(TrainConfigs.FILE_NAME, MetricsLog.FILE_NAME, RunSummary.FILE_NAME, "curves.png",
        "sample.txt").map(dir::resolve).filter(Files::exists).toList();
    List<Path> checkpoints = CheckpointFiles.list(dir);
    if (runFiles.isEmpty() && checkpoints.isEmpty()) return;
    if (!overwrite) {
      throw new IllegalArgumentException(dir + " already holds a run: --resume continues it, --overwrite starts it "
          + "over, or choose another --name");
    }
    for (Path p : runFiles) Files.delete(p);
    for (Path p : checkpoints) Files.delete(p);
  }

  /** A story from the final model, printed and saved as sample.txt. */
  private static void writeSample(TrainResult r) throws IOException {
    Tokenizer tok = TextGenerator.tokenizer(Path.of(r.config().tokenizer()));
    TransformerLM model = TextGenerator.load(r.checkpoint(), Trainer.openDevice(r.config().device(), r.config().dtype()));
    String prompt = "Once upon a time";
    System.out.println();
    System.out.print("sample (temperature 0.8, top-p 0.9, seed 1): " + prompt);
    TextGenerator.Sample s = TextGenerator.generate(model, tok, prompt, 256, 0.8f, 0.9f, 1, piece -> {
      System.out.print(piece);
      System.out.flush();
    });
    System.out.println();
    AtomicFiles.writeString(r.runDir().resolve("sample.txt"), prompt + s.text() + "\n");
  }
}
