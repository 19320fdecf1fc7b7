package cs336.experiments.problems;

import cs336.experiments.train.TrainResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code layer_norm_ablation}: the model without any RMSNorm, at the base learning
 * rate and at two lower ones, against the base model.
 */
@Command(name = LayerNormAblation.ID, mixinStandardHelpOptions = true,
    description = "Remove every RMSNorm: what happens at the base learning rate, and at lower ones?")
public final class LayerNormAblation extends AblationProblem {
  static final String ID = "layer_norm_ablation";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  String title() {
    return "removing RMSNorm";
  }

  @Override
  List<Variant> variants(ProblemRuns runs) {
    double lr = runs.base().lr();
    return List.of(
        new Variant("rmsnorm", "pre-norm RMSNorm (baseline)", Map.of()),
        new Variant("no-rmsnorm", "no RMSNorm, same lr", Map.of("norm", "none")),
        new Variant("no-rmsnorm-lr-3", "no RMSNorm, lr / 3", Map.of("norm", "none", "lr", lr / 3, "min_lr", runs.base().minLr() / 3)),
        new Variant("no-rmsnorm-lr-10", "no RMSNorm, lr / 10", Map.of("norm", "none", "lr", lr / 10, "min_lr", runs.base().minLr() / 10)));
  }

  @Override
  String question() {
    return "Remove all RMSNorms from the Transformer (the two in every block and the final one) and train. What "
        + "happens at the previous optimal learning rate? Can a lower learning rate make it stable?";
  }

  @Override
  String answer(List<Variant> v, List<TrainResult> r) {
    TrainResult base = r.get(0), same = r.get(1);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "At the base learning rate (%.3g) the model without RMSNorm %s. At lr / 3 it %s; at lr / 10 it %s. ",
        base.config().lr(), outcome(same, base), outcome(r.get(2), base), outcome(r.get(3), base)));
    TrainResult best = null;
    for (TrainResult x : r.subList(1, r.size())) {
      if (x.status() != TrainResult.Status.DIVERGED && (best == null || x.valLoss() < best.valLoss())) best = x;
    }
    if (best == null) {
      return sb.append("No learning rate tried trains the model stably without its norms: RMSNorm keeps every "
          + "block's input at unit scale, so activations and gradients neither grow nor shrink with depth.").toString();
    }
    sb.append(same.status() == TrainResult.Status.DIVERGED
        ? "So a lower learning rate does make training stable without the norms, "
        : "So without the norms training stays stable here, ");
    if (worse(best, base)) {
      sb.append(String.format(Locale.ROOT, "but even the best norm-free run (lr %.3g, %s) stays behind the baseline: "
          + "RMSNorm keeps every block's input at unit scale, so activations and gradients neither grow nor shrink "
          + "with depth, and training tolerates a larger step.", best.config().lr(), ProblemRuns.loss(best.valLoss())));
    } else {
      sb.append(String.format(Locale.ROOT, "and the best norm-free run (lr %.3g, %s) is as good as the baseline or "
          + "better: with %d layers and a short run the residual stream cannot grow much, so the norms' protection "
          + "is not needed yet, while their rescaling costs a little; their benefit appears with depth, width and "
          + "longer training at large learning rates.", best.config().lr(), ProblemRuns.loss(best.valLoss()),
          base.config().numLayers()));
    }
    return sb.toString();
  }
}
