package cs336.experiments.problems;

import cs336.bpe.BpeModel;
import cs336.bpe.TrainingSummary;
import cs336.experiments.cli.TrainBpeCommand;
import cs336.experiments.util.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * Problem {@code train_bpe_expts_owt}: train a byte-level BPE tokenizer on OpenWebText with a
 * vocabulary of 32,000; report the longest token and compare with the TinyStories tokenizer (when
 * {@code train_bpe_tinystories} has run). Writes into {@code runs/train_bpe_expts_owt/}.
 */
@Command(name = TrainBpeExptsOwt.ID, mixinStandardHelpOptions = true,
    description = "Train a 32,000-token byte-level BPE on OpenWebText; compare with the TinyStories tokenizer.")
public final class TrainBpeExptsOwt extends TrainingProblem {
  static final String ID = "train_bpe_expts_owt";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "BPE training on OpenWebText";
  }

  @Override
  String dataset() {
    return "owt";
  }

  @Override
  Path defaultData() {
    return Path.of("data/owt_train.txt");
  }

  @Override
  int defaultVocabSize() {
    return 32_000;
  }

  @Override
  void addSections(Report report, TrainBpeCommand.Result result) throws Exception {
    compare(report, result.trained().model(), BpeRuns.modelOrNull(out.dir(TrainBpeTinystories.ID)));
  }

  /** The comparison with the TinyStories tokenizer (part b). */
  static void compare(Report report, BpeModel owt, BpeModel ts) {
    report.section("Compared with the TinyStories tokenizer");
    if (ts == null) {
      report.text("No TinyStories tokenizer found: run `./cs336 experiment train_bpe_tinystories` first, then this again.");
      return;
    }
    Set<String> a = new HashSet<>(BpeRuns.tokenKeys(owt));
    Set<String> b = new HashSet<>(BpeRuns.tokenKeys(ts));
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    report.text(String.format(Locale.ROOT,
        "%,d of the TinyStories tokenizer's %,d tokens are also in this %,d-token vocabulary. The longest tokens found only "
            + "here, and only in TinyStories:", shared.size(), b.size(), a.size()));
    report.table(List.of("only in this vocabulary", "only in TinyStories'"), zip(longestOnly(a, b, 8), longestOnly(b, a, 8)));
    report.text("The TinyStories vocabulary is made of the simple words of children's stories (names, `Once`, "
        + "` upon`, ` little`); the web text vocabulary spends its extra tokens on a much wider lexicon, numbers, "
        + "markup and formatting runs, which is why it compresses web text better and is larger.");
  }

  private static List<String> longestOnly(Set<String> in, Set<String> notIn, int n) {
    return in.stream().filter(t -> !notIn.contains(t))
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
        .limit(n)
        .map(t -> "`" + TrainingSummary.show(t.getBytes(StandardCharsets.ISO_8859_1)).replace("`", "'").replace("|", "\\|") + "`")
        .toList();
  }

  private static List<List<String>> zip(List<String> x, List<String> y) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      rows.add(List.of(i < x.size() ? x.get(i) : "", i < y.size() ? y.get(i) : ""));
    }
    return rows;
  }
}
