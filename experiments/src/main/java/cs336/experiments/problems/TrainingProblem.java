package cs336.experiments.problems;

import cs336.experiments.cli.TrainBpeCommand;
import cs336.experiments.cli.WorkOptions;
import cs336.experiments.util.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code train_bpe_tinystories} and {@code train_bpe_expts_owt} share: their options, training
 * into {@code runs/<problem_id>/}, the report's common sections and its reproduce command. Subclasses
 * say which data set and vocabulary, and add their own sections.
 */
abstract class TrainingProblem implements Callable<Integer> {
  @Option(names = "--data", description = "Training text (default: ${DEFAULT-VALUE}).")
  Path data = defaultData();

  @Option(names = "--vocab-size", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
  int vocabSize = defaultVocabSize();

  @Mixin ProblemMain out;

  @Mixin WorkOptions work;

  abstract String id();

  abstract String title();

  /** {@code tinystories} or {@code owt}: the argument of {@code ./cs336 download}. */
  abstract String dataset();

  abstract Path defaultData();

  abstract int defaultVocabSize();

  /** Adds the problem's own sections after the common ones. */
  abstract void addSections(Report report, TrainBpeCommand.Result result) throws Exception;

  @Override
  public Integer call() throws Exception {
    BpeRuns.requireData(data, dataset());
    Path dir = out.dir(id());
    Report report = new Report(id(), title());
    report.text("Byte-level BPE (GPT-2 pre-tokenizer, ties toward the lexicographically greater pair) trained with "
        + "`cs336.bpe.BpeTrainer`; the vocabulary and merges are in `vocab.json` and `merges.txt` beside this file.");
    TrainBpeCommand.Result r = BpeRuns.trainAndReport(report, data, vocabSize, dir, work.threads, work.progress,
        dataset().equals("tinystories") ? "children's stories" : "web text");
    addSections(report, r);
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--vocab-size", String.valueOf(vocabSize)));
    if (!out.runs.equals(Path.of("runs"))) args.addAll(List.of("--runs", out.runs.toString()));
    report.reproduce(BpeRuns.command(id(), args));
    report.save(dir);
    return 0;
  }
}
