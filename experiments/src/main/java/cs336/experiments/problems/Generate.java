package cs336.experiments.problems;

import cs336.bpe.Tokenizer;
import cs336.experiments.generation.TextGenerator;
import cs336.experiments.metrics.RunSummary;
import cs336.experiments.train.TrainResult;
import cs336.experiments.util.Report;
import cs336.nn.data.TokenDataset;
import cs336.nn.layers.TransformerLM;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code generate}: a story of at least 256 tokens (or up to the first
 * {@code <|endoftext|>}) from the main experiment's model, and how the decoding settings change
 * the text, measured: how many words are real, how repetitive it is, how likely the model finds it.
 */
@Command(name = Generate.ID, mixinStandardHelpOptions = true,
    description = "Generate text with the main experiment's model; compare temperatures and top-p, measured.")
public final class Generate extends LmProblem {
  static final String ID = "generate";
  static final String PROMPT = "Once upon a time";

  /** Decoding settings compared: the handout's usual one first. */
  record Setting(float temperature, float topP) {}

  static final List<Setting> SETTINGS = List.of(new Setting(0.8f, 0.9f), new Setting(0f, 1f), new Setting(0.5f, 1f),
      new Setting(1f, 1f), new Setting(1.5f, 1f), new Setting(1.5f, 0.5f));

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "generating text";
  }

  @Override
  void answer(ProblemRuns runs, Report report) throws Exception {
    TrainResult r = MainExperiment.model(runs, out.runs);
    TransformerLM model = runs.bestModel(r);
    RunSummary summary = RunSummary.read(r.runDir());
    Tokenizer tok = runs.tokenizer();
    Set<String> known = SampleStats.vocabulary(trainingText(runs, tok));
    List<List<String>> rows = new ArrayList<>();
    List<SampleStats> stats = new ArrayList<>();
    TextGenerator.Sample main = null;
    for (Setting s : SETTINGS) {
      TextGenerator.Sample sample = TextGenerator.generate(model, tok, PROMPT, 256, s.temperature(), s.topP(), 1, p -> { });
      if (main == null) main = sample;
      SampleStats st = SampleStats.of(sample.text(), known, model, tok);
      stats.add(st);
      rows.add(List.of(s.temperature() == 0 ? "0 (greedy)" : fmt(s.temperature()), fmt(s.topP()),
          String.valueOf(sample.tokens()), sample.stopped() ? "yes" : "no", Numbers.pct(st.knownWords()),
          Numbers.pct(st.distinctBigrams()), ProblemRuns.loss(st.tokenLoss())));
    }
    report.section("The story");
    report.text(String.format(Locale.ROOT, "The model of `%s` at its lowest validation loss (%.4f at step %s of %s; "
            + "`checkpoints/best.safetensors`), prompt `%s`, temperature 0.8, top-p 0.9, seed 1: %d tokens%s.",
        r.runDir(), summary.bestValLoss() == null ? r.valLoss() : summary.bestValLoss(),
        Numbers.count(summary.bestValLoss() == null ? r.steps() : summary.bestValStep()), Numbers.count(r.steps()),
        PROMPT, main.tokens(), main.stopped() ? ", up to its <|endoftext|>" : ""));
    report.text(quote(PROMPT + main.text()));
    report.section("Decoding settings compared");
    report.text("Each setting decodes 256 tokens from the same prompt and seed. *Real words*: the share of its words "
        + "that occur in the training text; *distinct pairs*: distinct word pairs over all pairs (repetition lowers it); "
        + "*model loss*: the model's own cross-entropy per token of the text (how typical it finds it; the validation "
        + "loss is the reference for natural text).");
    report.table(List.of("temperature", "top-p", "tokens", "ended at <|endoftext|>", "real words", "distinct pairs",
        "model loss"), rows);
    report.section("Answer");
    SampleStats greedy = stats.get(1), hot = stats.get(4), hotNucleus = stats.get(5), usual = stats.get(0);
    report.text(String.format(Locale.ROOT, "Fluency: at temperature 0.8 and top-p 0.9, %s of the words are real words "
            + "of the training data and the model's loss on its own text is %s against %.4f on real validation text. "
            + "%s Two factors decide the quality beyond the model itself (its validation loss):%n%n"
            + "- **Temperature.** Greedy decoding (temperature 0) is the most typical text (model loss %s) but "
            + "repetitive (distinct pairs %s): it falls into loops. Temperature 1.5 flattens the distribution: the "
            + "loss rises to %s and only %s of the words are real.%n"
            + "- **Top-p.** Cutting the tail helps most when the temperature is high: at temperature 1.5, top-p 0.5 "
            + "brings real words from %s back to %s, because the unlikely tokens that make up misspellings are never "
            + "sampled.",
        Numbers.pct(usual.knownWords()), ProblemRuns.loss(usual.tokenLoss()), r.valLoss(),
        usual.knownWords() > 0.95 ? "Nearly every word is real; what remains is the story's coherence, which grows with "
            + "the model and its training." : "Misspelled or invented words remain: the model is still small or short-trained.",
        ProblemRuns.loss(greedy.tokenLoss()), Numbers.pct(greedy.distinctBigrams()), ProblemRuns.loss(hot.tokenLoss()),
        Numbers.pct(hot.knownWords()), Numbers.pct(hot.knownWords()), Numbers.pct(hotNucleus.knownWords())));
  }

  /** The start of the training data as text (its first two million tokens), for the word list. */
  private static String trainingText(ProblemRuns runs, Tokenizer tok) throws IOException {
    TokenDataset data = TokenDataset.open(runs.data().trainFile());
    long[] ids = data.read(0, (int) Math.min(data.size(), 2_000_000));
    int[] asInts = new int[ids.length];
    for (int i = 0; i < ids.length; i++) asInts[i] = (int) ids[i];
    return tok.decode(asInts);
  }

  private static String fmt(float v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Text as a markdown block quote, line by line. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.strip().split("\n", -1)) sb.append("> ").append(line).append('\n');
    return sb.toString();
  }
}
