package cs336.experiments.problems;

import cs336.experiments.accounting.ModelShape;
import cs336.experiments.accounting.Term;
import cs336.experiments.accounting.TransformerCosts;
import cs336.experiments.util.Report;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code transformer_accounting}: parameters and forward FLOPs of GPT-2 small,
 * medium, large and XL and of the handout's TinyStories model, per component, and how they shift
 * when GPT-2 XL's context grows to 16,384. The numbers come from {@link TransformerCosts}.
 */
@Command(name = TransformerAccounting.ID, mixinStandardHelpOptions = true,
    description = "Parameters and forward-pass FLOPs of GPT-2 small..XL and the TinyStories model, per component.")
public final class TransformerAccounting extends ComputedProblem {
  static final String ID = "transformer_accounting";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  static final List<ModelShape> GPT2 = List.of(
      ModelShape.gpt2Small(), ModelShape.gpt2Medium(), ModelShape.gpt2Large(), ModelShape.gpt2Xl());

  @Override
  Report report() {
    ModelShape xl = ModelShape.gpt2Xl();
    Report r = new Report(ID, "Transformer LM resource accounting");
    r.text("The model is the handout's (section 3): untied token embeddings and LM head, pre-norm blocks with "
        + "RMSNorm gains, four d·d attention projections, a SwiGLU feed-forward with three d·d_ff matrices, RoPE "
        + "(no parameters). FLOPs count matrix multiplies only, 2·m·n·p for an (m×n)·(n×p) product, for one "
        + "sequence of context_length tokens. Symbols: V vocab_size, T context_length, d d_model, L num_layers, "
        + "H num_heads. GPT-2 small, medium and large use d_ff = 4·d_model, like XL's 6,400 = 4·1,600.");

    // ---- (a) ----
    r.section("(a) Trainable parameters of GPT-2 XL and the memory to load it");
    long p = TransformerCosts.parameterCount(xl);
    r.text(shapeLine(xl));
    r.table(List.of("component", "formula", "parameters", "share"), termRows(TransformerCosts.parameters(xl), Numbers::count));
    r.text(String.format(Locale.ROOT, "**%s parameters (%s)**; in float32 (4 bytes each) that is %s bytes = %s "
            + "(%.2f GiB) just to load the weights.",
        Numbers.count(p), Numbers.words(p), Numbers.count(4 * p), Numbers.gb(4.0 * p), 4.0 * p / (1L << 30)));

    // ---- (b) ----
    r.section("(b) The matrix multiplies of one GPT-2 XL forward pass");
    List<Term> flops = TransformerCosts.forwardFlops(xl);
    r.table(List.of("matrix multiply", "shapes (per layer, per head for attention)", "formula", "FLOPs", "share"),
        flopRowsWithShapes(xl, flops));
    long total = Term.total(flops);
    r.text("**Total: " + Numbers.count(total) + " FLOPs ≈ " + Numbers.flops(total) + "** per sequence of "
        + Numbers.count(xl.contextLength()) + " tokens.");

    // ---- (c) ----
    r.section("(c) Which parts need the most FLOPs?");
    Term top = largest(flops);
    r.text(String.format(Locale.ROOT, "The %s: %s of the total, then the attention projections (%s); the T² attention "
            + "matmuls together take %s and the LM head %s. At T = 1,024 < d_ff the work is dominated by the "
            + "O(T·d²) weight matmuls, not the O(T²·d) attention.",
        top.component(), Numbers.pct(top.fractionOf(flops)), Numbers.pct(flops.get(0).fractionOf(flops)),
        Numbers.pct(flops.get(1).fractionOf(flops) + flops.get(2).fractionOf(flops)), Numbers.pct(flops.get(4).fractionOf(flops))));

    // ---- (d) ----
    r.section("(d) GPT-2 small, medium, large and XL compared");
    List<String> header = new ArrayList<>(List.of("model", "L", "d_model", "H", "d_ff", "parameters", "forward FLOPs"));
    for (Term t : flops) header.add(t.component());
    List<List<String>> rows = new ArrayList<>();
    for (ModelShape s : GPT2) rows.add(compareRow(s));
    r.table(header, rows);
    r.text(trendSentence(GPT2.getFirst(), xl));

    // ---- (e) ----
    r.section("(e) GPT-2 XL with context 16,384");
    ModelShape longXl = xl.withContextLength(16_384).withName("GPT-2 XL, T = 16,384");
    List<Term> longFlops = TransformerCosts.forwardFlops(longXl);
    long longTotal = Term.total(longFlops);
    List<List<String>> shift = new ArrayList<>();
    for (int i = 0; i < flops.size(); i++) {
      shift.add(List.of(flops.get(i).component(), Numbers.flops(flops.get(i).value()), Numbers.pct(flops.get(i).fractionOf(flops)),
          Numbers.flops(longFlops.get(i).value()), Numbers.pct(longFlops.get(i).fractionOf(longFlops))));
    }
    shift.add(List.of("**total**", Numbers.flops(total), "100%", Numbers.flops(longTotal), "100%"));
    r.table(List.of("component", "FLOPs at T = 1,024", "share", "FLOPs at T = 16,384", "share"), shift);
    double attn = longFlops.get(1).fractionOf(longFlops) + longFlops.get(2).fractionOf(longFlops);
    r.text(String.format(Locale.ROOT, "One forward pass costs %s instead of %s: %.1f× more for 16× the tokens (%.2f× "
            + "per token), because the Q·Kᵀ and A·V matmuls grow with T² while everything else grows with T. Their "
            + "share goes from %s to %s, making attention the largest part, and the feed-forward share falls from %s to %s.",
        Numbers.flops(longTotal), Numbers.flops(total), (double) longTotal / total, (double) longTotal / total / 16,
        Numbers.pct(flops.get(1).fractionOf(flops) + flops.get(2).fractionOf(flops)), Numbers.pct(attn),
        Numbers.pct(flops.get(3).fractionOf(flops)), Numbers.pct(longFlops.get(3).fractionOf(longFlops))));

    // ---- extras ----
    r.section("The handout's TinyStories model");
    ModelShape ts = ModelShape.tinyStories();
    r.text(shapeLine(ts) + ": **" + Numbers.count(TransformerCosts.parameterCount(ts)) + " parameters**, "
        + Numbers.flops(TransformerCosts.forwardFlopsTotal(ts)) + " per forward pass of " + ts.contextLength() + " tokens.");
    r.table(List.of("component", "formula", "parameters", "share"), termRows(TransformerCosts.parameters(ts), Numbers::count));
    List<Term> tsFlops = TransformerCosts.forwardFlops(ts);
    r.table(List.of("matrix multiply", "formula", "FLOPs", "share"), termRows(tsFlops, Numbers::count));
    r.text("With V = 10,000 and d = 512, the LM head alone is " + Numbers.pct(tsFlops.get(4).fractionOf(tsFlops))
        + " of the forward FLOPs: for small models the vocabulary projection matters as much as the blocks.");

    r.section("Cross-check against instantiated models");
    r.text("The formula against the parameters a real `cs336.nn.layers.TransformerLM` allocates (its parameter arena), "
        + "for the TinyStories model and the ablations that change the count:");
    List<List<String>> check = new ArrayList<>();
    for (var e : crossCheckConfigs().entrySet()) {
      long formula = TransformerCosts.parameterCount(ModelShape.of(e.getKey(), e.getValue()));
      long real = new TransformerLM(e.getValue(), 0).arena().size();
      check.add(List.of(e.getKey(), Numbers.count(formula), Numbers.count(real), formula == real ? "yes" : "**no**"));
    }
    r.table(List.of("model", "formula", "instantiated", "equal"), check);

    r.section("Check against OpenAI's GPT-2 small");
    ModelShape openAi = ModelShape.gpt2Small().withTiedEmbeddings(true).withFfn(ModelShape.Ffn.SILU).withName("GPT-2 small (OpenAI)");
    long matrices = TransformerCosts.parameterCount(openAi);
    long positions = 1_024L * 768;
    long biases = 12L * (3 * 768 + 768 + 3_072 + 768 + 2 * 768) + 768;
    r.text(String.format(Locale.ROOT, "The handout's architecture makes \"GPT-2 small\" %s parameters: the LM head is "
            + "untied (+%s) and SwiGLU has a third matrix. OpenAI's GPT-2 small ties the head to the embeddings and "
            + "has a two-matrix MLP: the same formula with those switches gives %s, and adding its learned position "
            + "embeddings (%s) and its biases and LayerNorm shifts (%s) gives %s, GPT-2 small's published 124M "
            + "(124,439,808).",
        Numbers.count(TransformerCosts.parameterCount(GPT2.getFirst())), Numbers.count(50_257L * 768),
        Numbers.count(matrices), Numbers.count(positions), Numbers.count(biases), Numbers.count(matrices + positions + biases)));
    r.reproduce("./cs336 experiment " + ID);
    return r;
  }

  /** The TinyStories model and its ablations that change the parameter count. */
  static Map<String, TransformerConfig> crossCheckConfigs() {
    TransformerConfig ts = TransformerConfig.tinyStories();
    Map<String, TransformerConfig> m = new LinkedHashMap<>();
    m.put("TinyStories", ts);
    m.put("TinyStories, no RMSNorm", ts.withNorm(TransformerConfig.Norm.NONE));
    m.put("TinyStories, SiLU d_ff 2,048", ts.withFfn(TransformerConfig.Ffn.SILU, 4 * ts.dModel()));
    m.put("TinyStories, tied embeddings", ts.withTiedEmbeddings(true));
    m.put("TinyStories, post-norm, NoPE", ts.withNorm(TransformerConfig.Norm.POST).withRope(false));
    return m;
  }

  static String shapeLine(ModelShape s) {
    return String.format(Locale.ROOT, "%s: vocab_size %s, context_length %s, num_layers %d, d_model %s, num_heads %d, d_ff %s",
        s.name(), Numbers.count(s.vocabSize()), Numbers.count(s.contextLength()), s.numLayers(),
        Numbers.count(s.dModel()), s.numHeads(), Numbers.count(s.dFf()));
  }

  static List<List<String>> termRows(List<Term> terms, java.util.function.LongFunction<String> fmt) {
    List<List<String>> rows = new ArrayList<>();
    for (Term t : terms) rows.add(List.of(t.component(), t.formula(), fmt.apply(t.value()), Numbers.pct(t.fractionOf(terms))));
    rows.add(List.of("**total**", "", "**" + fmt.apply(Term.total(terms)) + "**", "100%"));
    return rows;
  }

  private static List<List<String>> flopRowsWithShapes(ModelShape s, List<Term> flops) {
    String T = Numbers.count(s.contextLength()), d = Numbers.count(s.dModel()), dk = Numbers.count(s.dModel() / s.numHeads());
    String dff = Numbers.count(s.dFf()), V = Numbers.count(s.vocabSize());
    List<String> shapes = List.of(
        "4 × (" + T + "×" + d + ")·(" + d + "×" + d + ")",
        s.numHeads() + " × (" + T + "×" + dk + ")·(" + dk + "×" + T + ")",
        s.numHeads() + " × (" + T + "×" + T + ")·(" + T + "×" + dk + ")",
        "W1, W3: (" + T + "×" + d + ")·(" + d + "×" + dff + "); W2: (" + T + "×" + dff + ")·(" + dff + "×" + d + ")",
        "(" + T + "×" + d + ")·(" + d + "×" + V + "), once");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < flops.size(); i++) {
      Term t = flops.get(i);
      rows.add(List.of(t.component(), shapes.get(i), t.formula(), Numbers.count(t.value()), Numbers.pct(t.fractionOf(flops))));
    }
    return rows;
  }

  private static List<String> compareRow(ModelShape s) {
    List<Term> f = TransformerCosts.forwardFlops(s);
    List<String> row = new ArrayList<>(List.of(s.name(), String.valueOf(s.numLayers()), Numbers.count(s.dModel()),
        String.valueOf(s.numHeads()), Numbers.count(s.dFf()), Numbers.words(TransformerCosts.parameterCount(s)),
        Numbers.flops(Term.total(f))));
    for (Term t : f) row.add(Numbers.pct(t.fractionOf(f)));
    return row;
  }

  private static Term largest(List<Term> terms) {
    Term best = terms.getFirst();
    for (Term t : terms) if (t.value() > best.value()) best = t;
    return best;
  }

  /** How each component's share moves from the smallest to the largest model, in words. */
  static String trendSentence(ModelShape small, ModelShape large) {
    List<Term> a = TransformerCosts.forwardFlops(small);
    List<Term> b = TransformerCosts.forwardFlops(large);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      double x = a.get(i).fractionOf(a), y = b.get(i).fractionOf(b);
      parts.add(String.format(Locale.ROOT, "the %s share %s from %s to %s", a.get(i).component(),
          y > x ? "grows" : "shrinks", Numbers.pct(x), Numbers.pct(y)));
    }
    return "From " + small.name() + " to " + large.name() + ", " + String.join("; ", parts) + ". Per layer, the "
        + "weight matmuls grow with d² but the T²·d attention matmuls only with d (T stays 1,024), and the LM head "
        + "grows with d but not with the number of layers, so larger models spend proportionally more on the "
        + "feed-forward and the attention projections and less on the LM head and the attention scores.";
  }
}
