package cs336.experiments.problems;

import cs336.experiments.cli.ScaleConverter;
import cs336.experiments.cli.TrainCommand;
import cs336.experiments.cli.WorkOptions;
import cs336.experiments.data.Corpus;
import cs336.experiments.data.PreparedData;
import cs336.experiments.train.Scale;
import cs336.experiments.util.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A problem answered by training language models (learning_rate, the ablations, main_experiment,
 * ...): its options ({@code --scale}, the data, per-run limits), the data preparation, and the
 * report's frame. A subclass trains its runs through {@link ProblemRuns} and writes its answer.
 *
 * <p>Runs go to {@code runs/<problem_id>/<run>/}; running a problem again reuses the runs that
 * finished with the same config and resumes an interrupted one (Ctrl-C stops the problem with a
 * checkpoint), so a long sweep can be stopped and continued. {@code --fresh} retrains everything.
 */
abstract class LmProblem implements Callable<Integer> {

  @Option(names = "--scale", defaultValue = "tiny", converter = ScaleConverter.class, paramLabel = "tiny|cpu|gpu",
      description = "tiny: seconds per run (the tests); cpu: the low-resource setting, 20 minutes per run on 2 cores; "
          + "gpu: the handout's setting (default: ${DEFAULT-VALUE}).")
  Scale scale;

  @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
      description = "Folder with the text data sets, real names first, then the ../shared/data stand-ins (default: "
          + "${DEFAULT-VALUE}); at tiny scale, generated stories when there are none.")
  Path data;

  @Option(names = "--train-text", paramLabel = "FILE", description = "Training text (instead of --data).")
  Path trainText;

  @Option(names = "--valid-text", paramLabel = "FILE", description = "Validation text (with --train-text).")
  Path validText;

  @Option(names = "--max-minutes", description = "Wall-clock budget of each run in minutes (default: the scale's).")
  Double maxMinutes;

  @Option(names = "--max-iters", description = "Steps of each run (default: the scale's).")
  Long maxIters;

  @Option(names = "--fresh", description = "Retrain runs that already finished (default: reuse them).")
  boolean fresh;

  @Mixin ProblemMain out;

  @Mixin WorkOptions work;

  /** The handout's problem id. */
  abstract String id();

  abstract String title();

  /** The data set it trains on. */
  Corpus corpus() {
    return Corpus.TINYSTORIES;
  }

  /** Trains what the problem needs and adds the answer to {@code report}. */
  abstract void answer(ProblemRuns runs, Report report) throws Exception;

  @Override
  public Integer call() throws Exception {
    Path dir = out.dir(id());
    Path cache = out.runs.resolve("_data");
    PreparedData.Texts texts = PreparedData.find(corpus(), data, trainText, validText,
        scale == Scale.TINY ? scale.maxTrainBytes() * 9 / 10 : 0, cache);
    int vocab = corpus() == Corpus.TINYSTORIES ? scale.tinyStoriesVocab() : scale.webVocab();
    PreparedData prepared = PreparedData.prepare(texts, vocab, scale.maxTrainBytes(), scale.maxValidBytes(), cache,
        work.threads, work.progress, System.out);
    ProblemRuns runs = new ProblemRuns(dir, scale, prepared, work.threads, maxIters, maxMinutes, fresh, work.progress);
    Report report = new Report(id(), title());
    report.text(setup(prepared, runs));
    try {
      answer(runs, report);
    } catch (ProblemRuns.Interrupted e) {
      System.out.println(id() + " interrupted: run the same command again to continue (finished runs are reused, "
          + "the interrupted one resumes from its checkpoint)");
      return TrainCommand.INTERRUPTED;
    }
    report.reproduce(command());
    report.save(dir);
    return 0;
  }

  /** The paragraph on the scale, the model and the data every report starts with. */
  private String setup(PreparedData prepared, ProblemRuns runs) {
    var c = runs.base();
    return String.format(Locale.ROOT, "Scale **%s**: a model of d_model %d, %d layers, %d heads, context %d, batch %d, "
            + "%s (%s parameters at the base settings), trained on %s: a %,d-token BPE vocabulary, %,d training and %,d "
            + "validation tokens (tokenizer and tokens in `%s`). Runs are in `%s/<run>/` (metrics.jsonl, "
            + "config.json, checkpoints).",
        scale.label(), c.dModel(), c.numLayers(), c.numHeads(), c.contextLength(), c.batchSize(),
        c.maxIters() != null ? String.format(Locale.ROOT, "%,d steps per run", c.maxIters())
            : String.format(Locale.ROOT, "%s minutes per run", Numbers.fixed(c.maxMinutes(), 0)),
        Numbers.count(ProblemRuns.parameters(c)), prepared.source(), prepared.vocabSize(), prepared.trainTokens(),
        prepared.validTokens(), prepared.dir(), out.dir(id()));
  }

  /** The command that reproduces this report: the problem with the options given. */
  String command() {
    List<String> args = new ArrayList<>(List.of("--scale", scale.label()));
    if (trainText != null) args.addAll(List.of("--train-text", trainText.toString(), "--valid-text", validText.toString()));
    else if (!data.equals(Path.of("data"))) args.addAll(List.of("--data", data.toString()));
    if (maxMinutes != null) args.addAll(List.of("--max-minutes", Numbers.fixed(maxMinutes, 1)));
    if (maxIters != null) args.addAll(List.of("--max-iters", String.valueOf(maxIters)));
    if (!out.runs.equals(Path.of("runs"))) args.addAll(List.of("--runs", out.runs.toString()));
    return BpeRuns.command(id(), args);
  }
}
