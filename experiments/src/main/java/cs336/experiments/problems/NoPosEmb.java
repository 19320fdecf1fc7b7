package cs336.experiments.problems;

import cs336.experiments.train.TrainResult;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** Handout problem {@code no_pos_emb}: no position information at all (NoPE) against RoPE. */
@Command(name = NoPosEmb.ID, mixinStandardHelpOptions = true,
    description = "NoPE (no position embeddings) against RoPE.")
public final class NoPosEmb extends AblationProblem {
  static final String ID = "no_pos_emb";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "RoPE against no position embeddings (NoPE)";
  }

  @Override
  List<Variant> variants(ProblemRuns runs) {
    return List.of(
        new Variant("rope", "RoPE on queries and keys (baseline)", Map.of()),
        new Variant("nope", "NoPE: no position information", Map.of("rope", false)));
  }

  @Override
  String question() {
    return "Remove the position embeddings entirely (NoPE) and compare with RoPE. A causal decoder can still "
        + "infer positions: each query attends to a prefix whose length it can sense.";
  }

  @Override
  String answer(List<Variant> v, List<TrainResult> r) {
    TrainResult rope = r.get(0), nope = r.get(1);
    return "Without position embeddings the model " + outcome(nope, rope) + ". "
        + (worse(nope, rope)
            ? "RoPE helps: it hands every attention score the relative distance between query and key, which NoPE "
                + "must reconstruct from the causal mask alone (a query sees one more key per position, so averages "
                + "over the prefix shrink with position), a weaker and slower-to-learn signal."
            : "The causal mask alone carries enough position information for this model to keep up with RoPE here: "
                + "attention over a growing prefix lets it count, so NoPE trains nearly as well; RoPE's advantage "
                + "is usually small at this scale and shows in longer contexts.");
  }
}
