package cs336.experiments.problems;

import cs336.experiments.generation.TextGenerator;
import cs336.experiments.metrics.RunSummary;
import cs336.experiments.train.TrainResult;
import cs336.experiments.util.Report;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code main_experiment}: the base model trained on TinyStories at the chosen
 * scale; its learning curves, final validation loss against the handout's target, and a story.
 * The run ({@code runs/main_experiment/<scale>/}) is also the model of the {@code generate} problem.
 */
@Command(name = MainExperiment.ID, mixinStandardHelpOptions = true,
    description = "Train the base model on TinyStories: learning curves, validation loss, a generated story.")
public final class MainExperiment extends LmProblem {
  static final String ID = "main_experiment";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "training on TinyStories";
  }

  /** The base model's run, shared with the generate problem. */
  static TrainResult model(ProblemRuns runs, java.nio.file.Path runsRoot) throws java.io.IOException {
    return runs.in(runsRoot.resolve(ID)).train(runs.scale().label(), runs.base());
  }

  @Override
  void answer(ProblemRuns runs, Report report) throws Exception {
    TrainResult r = model(runs, out.runs);
    report.section("Learning curves");
    report.image("learning curves", runs.plot("curves.png", "main experiment (" + runs.scale().label() + ")", List.of(r)));
    report.table(ProblemRuns.columns(), List.of(ProblemRuns.cells(r)));
    report.section("Answer");
    String target = switch (runs.scale()) {
      case GPU -> " The handout's target on an H100 is a validation loss of at most 1.45: "
          + (r.valLoss() <= 1.45 ? "met." : "not met.");
      case CPU -> " The handout's low-resource target is a validation loss of at most 2.00: "
          + (r.valLoss() <= 2.0 ? "met." : "not met.");
      case TINY -> " (Tiny scale is a smoke test: its model is far too small and short-lived to write stories.)";
    };
    report.text(String.format(Locale.ROOT, "After %s steps (%s tokens, %s) the validation loss is **%.4f** "
            + "(perplexity %.2f), the training loss %.4f, at %,.0f tokens/s.%s",
        Numbers.count(r.steps()), Numbers.words(r.tokens()), clock(r.seconds()), r.valLoss(), Math.exp(r.valLoss()),
        r.trainLoss(), r.tokens() / Math.max(1e-9, r.seconds()), target));
    RunSummary summary = RunSummary.read(r.runDir());
    double epochs = (double) r.tokens() / runs.data().trainTokens();
    report.text(String.format(Locale.ROOT, "The run saw %.1f passes over the %s training tokens. %s", epochs,
        Numbers.count(runs.data().trainTokens()),
        summary.bestValLoss() != null && summary.bestValLoss() < r.valLoss() - 0.005
            ? String.format(Locale.ROOT, "Its lowest validation loss, %.4f, came at step %s: after that the model "
                + "fits the training text more closely than new text (overfitting; more data, not more steps, helps).",
                summary.bestValLoss(), Numbers.count(summary.bestValStep()))
            : "The validation loss was still at its lowest at the end."));
    report.section("A story");
    var s = TextGenerator.generate(runs.bestModel(r), runs.tokenizer(), "Once upon a time", 256, 0.8f, 0.9f, 1, piece -> { });
    report.text("From the weights of the lowest validation loss (`" + r.runDir().resolve("checkpoints/best.safetensors")
        + "`), prompt `Once upon a time`, temperature 0.8, top-p 0.9, seed 1 (" + s.tokens() + " tokens"
        + (s.stopped() ? ", ended by <|endoftext|>" : "") + "):");
    report.text(Generate.quote("Once upon a time" + s.text()));
  }

  static String clock(double seconds) {
    return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f min", seconds / 60);
  }
}
