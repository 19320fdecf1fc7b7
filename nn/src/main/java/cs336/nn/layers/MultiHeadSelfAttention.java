package cs336.nn.layers;

import cs336.autograd.Tensor;
import cs336.engine.Device;
import cs336.nn.Module;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Causal multi-head self-attention (handout section 3.5.5): MultiHead(x) = W_O concat(head_1..h),
 * head_i = softmax(Q_i K_i^T / sqrt(d_k) + causal mask) V_i, with the heads split from the rows of
 * W_Q, W_K, W_V ([d_model, d_model] each; head i owns rows i*d_k .. (i+1)*d_k - 1) and RoPE applied
 * to queries and keys (not values) when a {@link RotaryEmbedding} is given. Typical: d_model 512,
 * 16 heads of d_k 32.
 *
 * <p>Data flow without copies: x [B, T, C] -> Q = x W_Q^T [B, T, C] viewed [B, T, H, D] (RoPE
 * rotates it there, positions broadcast over heads) -> transposed view [B, H, T, D] -> the engine's
 * fused causal flash attention, which returns [B, H, T, D] as a view of a [B, T, H, D] buffer ->
 * merged back to [B, T, C] for free -> W_O. Dimension legend: B batch (all leading dimensions),
 * T sequence, C d_model, H heads, D d_k = C / H.
 */
public final class MultiHeadSelfAttention extends Module {
  private final int dModel;
  private final int numHeads;
  private final RotaryEmbedding rope;
  private final Linear qProj;
  private final Linear kProj;
  private final Linear vProj;
  private final Linear outputProj;

  /** Attention without position embedding (NoPE) when {@code rope} is null. */
  public MultiHeadSelfAttention(int dModel, int numHeads, RotaryEmbedding rope, RandomGenerator rng) {
    if (numHeads < 1 || dModel % numHeads != 0) {
      throw new IllegalArgumentException("d_model " + dModel + " must be a multiple of num_heads " + numHeads);
    }
    if (rope != null && rope.dK() != dModel / numHeads) {
      throw new IllegalArgumentException("RoPE d_k " + rope.dK() + " differs from d_model / num_heads = " + dModel / numHeads);
    }
    this.dModel = dModel;
    this.numHeads = numHeads;
    this.rope = rope;
    this.qProj = child("q_proj", new Linear(dModel, dModel, rng));
    this.kProj = child("k_proj", new Linear(dModel, dModel, rng));
    this.vProj = child("v_proj", new Linear(dModel, dModel, rng));
    this.outputProj = child("output_proj", new Linear(dModel, dModel, rng));
  }

  /** x [..., T, d_model] -> [..., T, d_model], positions 0..T-1. */
  public Tensor forward(Tensor x) {
    return forward(x, null, null);
  }

  /** With int64 {@code tokenPositions} [..., T] for RoPE (null: 0..T-1). */
  public Tensor forward(Tensor x, Tensor tokenPositions) {
    return forward(x, tokenPositions, null);
  }

  /**
   * With a KV cache layer (null for none): the T new positions are appended to the cache and attend
   * to everything in it; positions default to cache.start() .. cache.start() + T - 1.
   */
  public Tensor forward(Tensor x, Tensor tokenPositions, KvCache.Layer cache) {
    Layers.checkLast("attention input", x, dModel);
    if (x.rank() < 2) throw new IllegalArgumentException("attention input must be [..., seq, d_model]");
    int[] lead = Arrays.copyOf(x.shape(), x.rank() - 2);
    int B = Layers.prod(lead), T = x.shape(-2), C = dModel, H = numHeads, D = C / H;
    Tensor x3 = x.reshape(B, T, C);
    Tensor q = qProj.forward(x3).view(B, T, H, D);
    Tensor k = kProj.forward(x3).view(B, T, H, D);
    Tensor v = vProj.forward(x3).view(B, T, H, D);
    if (rope != null) {
      Device device = x.data().device();
      Tensor pos;
      if (tokenPositions != null) {
        pos = Layers.flatPositions(tokenPositions, lead, T, device);
        rope.checkRange(pos);                           // the caller's positions: read back to check them
      } else {
        int start = cache != null ? cache.start() : 0;
        rope.checkRange(start, T);                      // known here: no read back (on a GPU, no stall)
        pos = Layers.positions(start, T, device).unsqueeze(0);
      }
      Tensor posPerHead = pos.unsqueeze(-1);            // [B or 1, T, 1]: the same angle for every head
      q = q.rope(posPerHead, rope.theta());
      k = k.rope(posPerHead, rope.theta());
    }
    q = q.transpose(1, 2);                              // [B, H, T, D] views, last dimension contiguous
    k = k.transpose(1, 2);
    v = v.transpose(1, 2);
    if (cache != null) {
      Tensor[] kv = cache.append(k, v);
      k = kv[0];
      v = kv[1];
    }
    Tensor heads = Tensor.scaledDotProductAttention(q, k, v, true);
    Tensor merged = heads.transpose(1, 2).reshape(B, T, C);
    int[] outShape = x.shape();
    return outputProj.forward(merged).view(outShape);
  }

  public int numHeads() {
    return numHeads;
  }

  public int dModel() {
    return dModel;
  }

  public Linear qProj() {
    return qProj;
  }

  public Linear kProj() {
    return kProj;
  }

  public Linear vProj() {
    return vProj;
  }

  public Linear outputProj() {
    return outputProj;
  }
}
