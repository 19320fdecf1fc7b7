package cs336.experiments.problems;

import cs336.experiments.data.Corpus;
import cs336.experiments.train.Scale;
import cs336.experiments.train.TrainResult;
import cs336.experiments.util.Report;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code leaderboard}: the lowest validation loss on OpenWebText within a fixed
 * budget (the handout's 1.5 H100-hours at gpu scale; the scale's budget otherwise): the base model,
 * and the same with the LM head tied to the token embeddings (GPT-2's choice); the better one is
 * the result.
 */
@Command(name = Leaderboard.ID, mixinStandardHelpOptions = true,
    description = "OpenWebText within a fixed budget: the base model against this project's entry.")
public final class Leaderboard extends LmProblem {
  static final String ID = "leaderboard";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "OpenWebText within a budget";
  }

  @Override
  Corpus corpus() {
    return Corpus.OPENWEBTEXT;
  }

  @Override
  void answer(ProblemRuns runs, Report report) throws Exception {
    Map<String, Object> budget = runs.scale() == Scale.GPU ? Map.of("max_minutes", 90.0, "max_iters", 1_000_000) : Map.of();
    TrainResult base = runs.train("base", runs.with(budget));
    var entryChanges = new java.util.LinkedHashMap<String, Object>(budget);
    entryChanges.put("tie_embeddings", true);
    TrainResult entry = runs.train("entry", runs.with(entryChanges));
    report.section("Runs");
    report.text("The entry changes one thing: the LM head shares the token embedding matrix, as in GPT-2 (one V·d "
        + "matrix less to update and to hold, and the embeddings learn from the head's gradient at every position). "
        + "Everything else is the base model."
        + (runs.scale() == Scale.GPU ? " Both runs stop at 90 minutes of wall-clock time." : ""));
    List<String> header = new java.util.ArrayList<>(List.of("run", "parameters", "peak lr"));
    header.addAll(ProblemRuns.columns());
    report.table(header, List.of(
        ProblemRuns.row(List.of("base", Numbers.count(ProblemRuns.parameters(base.config())), fmt(base.config().lr())), base),
        ProblemRuns.row(List.of("entry", Numbers.count(ProblemRuns.parameters(entry.config())), fmt(entry.config().lr())), entry)));
    report.image("learning curves", runs.plot("curves.png", "leaderboard", List.of(base, entry)));
    report.section("Answer");
    TrainResult best = entry.status() == TrainResult.Status.DIVERGED || base.valLoss() < entry.valLoss() ? base : entry;
    report.text(String.format(Locale.ROOT, "Final validation loss: base %s, entry %s; the submitted result is **%s** "
            + "(%s, %s of training). %s",
        ProblemRuns.loss(base.valLoss()), ProblemRuns.loss(entry.valLoss()), ProblemRuns.loss(best.valLoss()),
        best == entry ? "the entry" : "the base model", MainExperiment.clock(best.seconds()),
        best == entry ? "Tying pays off within this budget."
            : "Tying did not beat the base model here; the base result stands."));
  }

  private static String fmt(double lr) {
    return String.format(Locale.ROOT, "%.3g", lr);
  }
}
