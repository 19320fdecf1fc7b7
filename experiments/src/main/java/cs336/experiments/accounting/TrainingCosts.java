package cs336.experiments.accounting;

import java.util.ArrayList;
import java.util.List;

/**
 * Memory, FLOPs and time of training the handout's LM with AdamW in float32 (handout section 4.3,
 * problem adamwAccounting).
 *
 * <p>Memory: parameters, gradients and AdamW's two moments take P floats each (16·P bytes), and
 * the activations that backward needs grow with the batch: 4·B·A bytes, where A is
 * {@link #activationsPerSequence}. Peak memory is their sum.
 */
public final class TrainingCosts {
  private TrainingCosts() {}

  /** Bytes per float32. */
  public static final int FLOAT32 = 4;

  /**
   * FLOPs of one AdamW update per parameter (handout Algorithm 1), counting a square root like a
   * multiply: m ← β1·m + (1−β1)·g is 3, v ← β2·v + (1−β2)·g² is 4, θ ← θ − α_t·m/(√v + ε) is 5
   * (sqrt, add, divide, multiply, subtract), θ ← θ − α·λ·θ is 2 (α·λ is one scalar per step).
   */
  public static final int ADAMW_FLOPS_PER_PARAMETER = 3 + 4 + 5 + 2;

  /** What the forward pass of one sequence keeps for backward, in floats (the handout's list). */
  public static List<Term> activationsPerSequence(ModelShape s) {
    long V = s.vocabSize(), T = s.contextLength(), d = s.dModel(), L = s.numLayers(), H = s.numHeads(), dff = s.dFf();
    List<Term> t = new ArrayList<>();
    if (s.rmsnorm()) t.add(new Term("RMSNorm outputs (2 per block)", "L·2·T·d", L * 2 * T * d));
    t.add(new Term("Q, K, V projections", "L·3·T·d", L * 3 * T * d));
    t.add(new Term("Q·Kᵀ scores", "L·H·T²", L * H * T * T));
    t.add(new Term("softmax", "L·H·T²", L * H * T * T));
    t.add(new Term("weighted sum of values", "L·T·d", L * T * d));
    t.add(new Term("output projection", "L·T·d", L * T * d));
    t.add(new Term("W1 matmul", "L·T·d_ff", L * T * dff));
    if (s.ffn() == ModelShape.Ffn.SWIGLU) {
      t.add(new Term("W3 matmul (SwiGLU)", "L·T·d_ff", L * T * dff));
    }
    t.add(new Term("SiLU", "L·T·d_ff", L * T * dff));
    if (s.ffn() == ModelShape.Ffn.SWIGLU) {
      t.add(new Term("SiLU(W1 x) ⊙ W3 x (SwiGLU)", "L·T·d_ff", L * T * dff));
    }
    t.add(new Term("W2 matmul", "L·T·d", L * T * d));
    if (s.rmsnorm()) t.add(new Term("final RMSNorm", "T·d", T * d));
    t.add(new Term("output embedding (logits)", "T·V", T * V));
    t.add(new Term("cross-entropy (softmax of the logits)", "T·V", T * V));
    return t;
  }

  /** Peak training memory in bytes, by part: parameters, gradients, AdamW state, activations. */
  public static List<Term> memoryBytes(ModelShape s, long batch) {
    long p = TransformerCosts.parameterCount(s);
    long a = Term.total(activationsPerSequence(s));
    return List.of(
        new Term("parameters", "4·P", FLOAT32 * p),
        new Term("gradients", "4·P", FLOAT32 * p),
        new Term("AdamW state (m and v)", "2·4·P", 2L * FLOAT32 * p),
        new Term("activations", "4·B·A", Math.multiplyExact(FLOAT32 * batch, a)));
  }

  /** The bytes that do not depend on the batch size: 16·P. */
  public static long fixedBytes(ModelShape s) {
    return 4L * FLOAT32 * TransformerCosts.parameterCount(s);
  }

  /** The bytes each sequence of the batch adds: 4·A. */
  public static long bytesPerSequence(ModelShape s) {
    return FLOAT32 * Term.total(activationsPerSequence(s));
  }

  /** The largest batch whose peak memory fits in {@code budgetBytes} (0 if not even the model fits). */
  public static long maxBatch(ModelShape s, long budgetBytes) {
    long room = budgetBytes - fixedBytes(s);
    return room <= 0 ? 0 : room / bytesPerSequence(s);
  }

  /** FLOPs of the AdamW update itself: 14·P. */
  public static long optimizerFlops(ModelShape s) {
    return ADAMW_FLOPS_PER_PARAMETER * TransformerCosts.parameterCount(s);
  }

  /**
   * FLOPs of one training step: forward, backward (twice the forward, following Kaplan et al. and
   * Hoffmann et al. as the handout says) and the AdamW update: 3·B·F_forward + 14·P.
   */
  public static long stepFlops(ModelShape s, long batch) {
    long forward = Math.multiplyExact(batch, TransformerCosts.forwardFlopsTotal(s));
    return Math.addExact(Math.multiplyExact(3, forward), optimizerFlops(s));
  }

  /** Seconds to train {@code steps} steps on hardware with {@code peakFlopsPerSecond} at {@code mfu}. */
  public static double trainingSeconds(ModelShape s, long batch, long steps, double peakFlopsPerSecond, double mfu) {
    return steps * (double) stepFlops(s, batch) / (peakFlopsPerSecond * mfu);
  }
}
