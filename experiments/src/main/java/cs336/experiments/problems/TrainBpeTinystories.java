package cs336.experiments.problems;

import cs336.experiments.cli.TrainBpeCommand;
import cs336.experiments.util.Report;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * Problem {@code train_bpe_tinystories}: train a byte-level BPE tokenizer on TinyStories with a
 * vocabulary of 10,000 and {@code <|endoftext|>}; report time, memory, the longest token, and which
 * phase takes the most time. Writes {@code vocab.json}, {@code merges.txt} and {@code README.md} into
 * {@code runs/train_bpe_tinystories/}.
 */
@Command(name = TrainBpeTinystories.ID, mixinStandardHelpOptions = true,
    description = "Train a 10,000-token byte-level BPE on TinyStories; report time, memory, longest token, profile.")
public final class TrainBpeTinystories extends TrainingProblem {
  static final String ID = "train_bpe_tinystories";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "BPE training on TinyStories";
  }

  @Override
  String dataset() {
    return "tinystories";
  }

  @Override
  Path defaultData() {
    return Path.of("data/TinyStoriesV2-GPT4-train.txt");
  }

  @Override
  int defaultVocabSize() {
    return 10_000;
  }

  @Override
  void addSections(Report report, TrainBpeCommand.Result result) {}
}
