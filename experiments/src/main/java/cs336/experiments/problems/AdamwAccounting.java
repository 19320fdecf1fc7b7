package cs336.experiments.problems;

import cs336.experiments.accounting.ModelShape;
import cs336.experiments.accounting.Term;
import cs336.experiments.accounting.TrainingCosts;
import cs336.experiments.accounting.TransformerCosts;
import cs336.experiments.util.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code adamwAccounting}: peak memory of AdamW training (parameters, gradients,
 * optimizer state, activations) as formulas and as numbers for GPT-2 XL in float32, the largest
 * batch in 80 GB, the FLOPs of one AdamW step, and the days to train GPT-2 XL on one H100.
 * The numbers come from {@link TrainingCosts}.
 */
@Command(name = AdamwAccounting.ID, mixinStandardHelpOptions = true,
    description = "AdamW training memory, largest batch in 80 GB, FLOPs per step and H100 training time for GPT-2 XL.")
public final class AdamwAccounting extends ComputedProblem {
  static final String ID = "adamwAccounting";

  /** The handout's H100 peak for "float32" (TF32) matmuls, and the utilisation it assumes. */
  static final double H100_PEAK_FLOPS = 495e12;
  static final double MFU = 0.5;
  static final long MEMORY_BUDGET = 80_000_000_000L;
  static final long STEPS = 400_000;
  static final long BATCH = 1_024;

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  Report report() {
    ModelShape xl = ModelShape.gpt2Xl();
    long p = TransformerCosts.parameterCount(xl);
    Report r = new Report(ID, "Resource accounting for training with AdamW");
    r.text("float32 everywhere (4 bytes per number). Symbols: B batch_size, V vocab_size, T context_length, "
        + "L num_layers, d d_model, H num_heads, d_ff = 4·d_model, and P the parameter count "
        + "P = 2·V·d + L·(4·d² + 3·d·d_ff + 2·d) + d for the handout's model (SwiGLU, untied LM head; see "
        + "transformer_accounting). " + TransformerAccounting.shapeLine(xl) + ", so P = " + Numbers.count(p) + ".");

    // ---- (a) ----
    r.section("(a) Peak memory, by part");
    r.table(List.of("part", "formula (bytes)", "GPT-2 XL"), List.of(
        List.of("parameters", "4·P", Numbers.gb(4.0 * p)),
        List.of("gradients", "4·P", Numbers.gb(4.0 * p)),
        List.of("AdamW state (first and second moments m, v)", "8·P", Numbers.gb(8.0 * p)),
        List.of("activations", "4·B·A", Numbers.gb(TrainingCosts.bytesPerSequence(xl)) + " · B"),
        List.of("**total**", "16·P + 4·B·A", Numbers.gb(TrainingCosts.fixedBytes(xl)) + " + " + Numbers.gb(TrainingCosts.bytesPerSequence(xl)) + " · B")));
    r.text("A is what the forward pass of one sequence keeps for the backward pass, counting the components the "
        + "handout lists (each an output tensor of the named operation):");
    r.table(List.of("activation", "floats per sequence", "GPT-2 XL"),
        TransformerAccounting.termRows(TrainingCosts.activationsPerSequence(xl), Numbers::count).stream()
            .map(row -> List.of(row.get(0), row.get(1), row.get(2))).toList());
    r.text("So A = L·(8·T·d + 2·H·T² + 4·T·d_ff) + T·d + 2·T·V for the SwiGLU model, and peak memory is "
        + "**16·P + 4·B·[L·(8·T·d + 2·H·T² + 4·T·d_ff) + T·d + 2·T·V] bytes**. The handout's list names a "
        + "two-matrix feed-forward (W1, SiLU, W2); with that one the W3 and gate terms drop out "
        + "(A = L·(8·T·d + 2·H·T² + 2·T·d_ff) + T·d + 2·T·V, and P loses L·d·d_ff), as the second row below shows.");

    // ---- (b) ----
    r.section("(b) GPT-2 XL: memory as a·batch_size + b, and the largest batch in 80 GB");
    ModelShape literal = xl.withFfn(ModelShape.Ffn.SILU).withName("GPT-2 XL, W1/SiLU/W2 feed-forward");
    List<List<String>> rows = new ArrayList<>();
    for (ModelShape s : List.of(xl.withName("GPT-2 XL, SwiGLU (this project)"), literal)) {
      rows.add(List.of(s.name(), Numbers.count(TransformerCosts.parameterCount(s)),
          Numbers.gb(TrainingCosts.bytesPerSequence(s)) + " · batch_size + " + Numbers.gb(TrainingCosts.fixedBytes(s)),
          String.valueOf(TrainingCosts.maxBatch(s, MEMORY_BUDGET))));
    }
    r.table(List.of("model", "P", "peak memory", "largest batch in 80 GB"), rows);
    long maxBatch = TrainingCosts.maxBatch(xl, MEMORY_BUDGET);
    r.text(String.format(Locale.ROOT, "**Memory ≈ %.2f · batch_size + %.2f GB; at most batch_size = %d fits in 80 GB** "
            + "(80·10⁹ bytes): the weights, gradients and AdamW state alone take %s, and each sequence's activations %s, "
            + "%s of which are the H·T² attention scores and softmax.",
        TrainingCosts.bytesPerSequence(xl) / 1e9, TrainingCosts.fixedBytes(xl) / 1e9, maxBatch,
        Numbers.gb(TrainingCosts.fixedBytes(xl)), Numbers.gb(TrainingCosts.bytesPerSequence(xl)),
        Numbers.pct(scoreShare(xl))));

    // ---- (c) ----
    r.section("(c) FLOPs of one AdamW step");
    r.table(List.of("update (per parameter)", "FLOPs"), List.of(
        List.of("m ← β1·m + (1−β1)·g", "3"),
        List.of("v ← β2·v + (1−β2)·g²", "4"),
        List.of("θ ← θ − α_t·m / (√v + ε)", "5"),
        List.of("θ ← θ − α·λ·θ", "2"),
        List.of("**total**", "**" + TrainingCosts.ADAMW_FLOPS_PER_PARAMETER + "**")));
    long opt = TrainingCosts.optimizerFlops(xl);
    long fwd = TransformerCosts.forwardFlopsTotal(xl);
    long step = TrainingCosts.stepFlops(xl, BATCH);
    r.text(String.format(Locale.ROOT, "The AdamW update itself is **14·P = %s FLOPs** (%s for GPT-2 XL; α_t and α·λ "
            + "are scalars computed once per step). A whole training step adds the forward pass (F = %s per "
            + "sequence, transformer_accounting (b)) and the backward pass (2·F): **3·B·F + 14·P**, which at "
            + "B = %s is %s FLOPs (%s); the optimizer is %s of it.",
        Numbers.count(opt), Numbers.flops(opt), Numbers.flops(fwd), Numbers.count(BATCH), Numbers.count(step),
        Numbers.flops(step), String.format(Locale.ROOT, "%.4f%%", 100.0 * opt / step)));

    // ---- (d) ----
    r.section("(d) Training GPT-2 XL for 400K steps at batch 1,024 on one H100 at 50% MFU");
    double seconds = TrainingCosts.trainingSeconds(xl, BATCH, STEPS, H100_PEAK_FLOPS, MFU);
    r.text(String.format(Locale.ROOT, "At 50%% of the H100's 495 TFLOP/s (TF32) the GPU does %s per second, so one "
            + "step takes %s / %s = %.1f s and 400,000 steps take %.3e s = **%s hours (%.0f days)**. (This ignores "
            + "that batch 1,024 does not fit in 80 GB, see (b): it would need gradient accumulation over about %d "
            + "micro-batches, which costs no extra FLOPs.)",
        Numbers.flops(H100_PEAK_FLOPS * MFU), Numbers.flops(step), Numbers.si(H100_PEAK_FLOPS * MFU, "FLOP/s"),
        step / (H100_PEAK_FLOPS * MFU), seconds, Numbers.fixed(seconds / 3600, 0), seconds / 86_400,
        maxBatch == 0 ? 0 : (BATCH + maxBatch - 1) / maxBatch));

    // ---- extra ----
    r.section("The same accounting for the handout's TinyStories model");
    ModelShape ts = ModelShape.tinyStories();
    List<List<String>> tsRows = new ArrayList<>();
    for (long b : List.of(8L, 32L, 128L)) {
      tsRows.add(List.of(String.valueOf(b), Numbers.gb(TrainingCosts.fixedBytes(ts)), Numbers.gb(b * TrainingCosts.bytesPerSequence(ts)),
          Numbers.gb(Term.total(TrainingCosts.memoryBytes(ts, b))), Numbers.flops(TrainingCosts.stepFlops(ts, b))));
    }
    r.table(List.of("batch", "16·P", "activations", "peak", "FLOPs per step"), tsRows);
    r.text("These are the sizes the CPU training of this project works with: the activations, not the weights, "
        + "decide whether a batch fits.");
    r.reproduce("./cs336 experiment " + ID);
    return r;
  }

  /** The share of one sequence's activations that are attention scores and their softmax (2·L·H·T²). */
  private static double scoreShare(ModelShape s) {
    List<Term> a = TrainingCosts.activationsPerSequence(s);
    long scores = 0;
    for (Term t : a) if (t.formula().equals("L·H·T²")) scores += t.value();
    return (double) scores / Term.total(a);
  }
}
