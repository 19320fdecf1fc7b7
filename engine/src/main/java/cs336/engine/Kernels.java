package cs336.engine;

/**
 * The device API: every computation on array data goes through one of these methods, so a backend
 * (scalar CPU, Vector API CPU, later CUDA) implements exactly this set. Arrays passed in are views
 * of the implementing device's storage (any strides unless a method says otherwise).
 *
 * <p>Conventions, as in llm.c: outputs are preallocated by the caller with the stated shape and are
 * <em>overwritten</em> unless the parameter says <em>accumulated</em>; inputs are <em>read</em>.
 * An output must not overlap an input except where elementwise kernels read and write the same
 * element (in-place {@code a += b} is allowed).
 *
 * <p>Broadcasting is resolved by the caller: operands that broadcast arrive as expanded views of
 * the output's shape (stride 0 along broadcast dimensions), so a kernel only ever sees operands of
 * equal shape. Shapes are validated by the callers in
 * {@link NDArray} and autograd, so kernels may assume them. Dimension legend: N rows (all leading
 * dimensions flattened), C channels (the last dimension), V vocabulary, B batch, H heads,
 * T sequence, D head dimension.
 */
public interface Kernels {
  /** A short name ("scalar", "simd (16 float lanes)"). */
  String name();

  // ---- copy and fill ----

  /**
   * {@code dst = src} (same shape). Converts between FLOAT32 and INT64 when the
   * dtypes differ (float to int64 truncates toward zero). dst: overwritten.
   */
  void copy(NDArray src, NDArray dst);

  /** Sets every element of {@code dst} to {@code value}. dst: overwritten. */
  void fill(NDArray dst, double value);

  // ---- elementwise (FLOAT32; all operands of out's shape) ----

  /** out = op(x). */
  void unary(UnaryOp op, NDArray x, NDArray out);

  /** out = op(a, b). */
  void binary(BinaryOp op, NDArray a, NDArray b, NDArray out);

  /** out = op(a, s) for a scalar {@code s}. */
  void binaryScalar(BinaryOp op, NDArray a, float s, NDArray out);

  /** out = cond != 0 ? a : b. */
  void where(NDArray cond, NDArray a, NDArray b, NDArray out);

  // ---- reductions ----

  /**
   * Reduces {@code x} to {@code out}'s shape, which has x's rank with a 1 in every reduced
   * dimension (keepdim form). out: overwritten.
   */
  void reduce(ReduceOp op, NDArray x, NDArray out);

  /**
   * Index of the largest element along {@code dim} (the first one on ties). out: INT64, x's shape
   * with {@code dim} set to 1, overwritten.
   */
  void argmax(NDArray x, int dim, NDArray out);

  // ---- matmul ----

  /**
   * out = a @ b (or out += a @ b when {@code accumulate}): a [..., m, k], b [..., k, n],
   * out [..., m, n], with equal batch dimensions (a broadcast operand is an expanded view, stride 0
   * over the batch). Transposed operands are
   * views (swapped strides) and cost no copy.
   */
  void matmul(NDArray a, NDArray b, NDArray out, boolean accumulate);

  // ---- softmax ----

  /** out = exp(x - max) / sum(exp(x - max)) along {@code dim}. */
  void softmax(NDArray x, int dim, NDArray out);

  /** dx = y * (dy - sum(dy * y)) along {@code dim}, from the softmax output y. dx: overwritten. */
  void softmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx);

  /** out = x - max - log(sum(exp(x - max))) along {@code dim}. */
  void logSoftmax(NDArray x, int dim, NDArray out);

  /** dx = dy - exp(y) * sum(dy) along {@code dim}, from the log-softmax output y. */
  void logSoftmaxBackward(NDArray y, NDArray dy, int dim, NDArray dx);

  // ---- indexing ----

  /**
   * Embedding lookup: out[..., :] = weight[ids[...], :]. weight [V, C] FLOAT32, ids INT64 of any
   * shape with values in [0, V), out [..., C].
   */
  void embedding(NDArray weight, NDArray ids, NDArray out);

  /** dWeight[ids[...], :] += dOut[..., :]. dWeight [V, C]: accumulated. */
  void embeddingBackward(NDArray ids, NDArray dOut, NDArray dWeight);

  /**
   * torch.gather: out[i..., j, k...] = x[i..., index[i..., j, k...], k...] along {@code dim};
   * index INT64 of out's shape, whose other dimensions must not exceed x's.
   */
  void gather(NDArray x, int dim, NDArray index, NDArray out);

  /** torch.scatter_add_: dst[i..., index[i..., j, k...], k...] += src[i..., j, k...]. dst: accumulated. */
  void scatterAdd(NDArray dst, int dim, NDArray index, NDArray src);

  // ---- fused: RMSNorm (handout eq. 4) ----

  /**
   * out = x / rms(x) * weight over the last dimension, rms = sqrt(mean(x^2) + eps).
   * x, out [N, C] (any leading shape, contiguous), weight [C]; rstd [N] overwritten with 1/rms,
   * the only thing the backward needs besides the inputs.
   */
  void rmsNorm(NDArray x, NDArray weight, float eps, NDArray out, NDArray rstd);

  /**
   * dx = rstd * (weight * dOut - xhat * mean(xhat * weight * dOut)), xhat = x * rstd;
   * dWeight = sum over rows of dOut * xhat. dx [N, C] and dWeight [C]: overwritten.
   */
  void rmsNormBackward(NDArray x, NDArray weight, NDArray rstd, NDArray dOut, NDArray dx, NDArray dWeight);

  // ---- fused: SiLU and SwiGLU (handout eqs. 5-6) ----

  /** out = x * sigmoid(x). */
  void silu(NDArray x, NDArray out);

  /** dx = dOut * s * (1 + x * (1 - s)), s = sigmoid(x). dx: overwritten. */
  void siluBackward(NDArray x, NDArray dOut, NDArray dx);

  /** The SwiGLU gate: out = silu(a) * b (a = W1 x, b = W3 x), all the same shape. */
  void swiglu(NDArray a, NDArray b, NDArray out);

  /** da = dOut * b * silu'(a), db = dOut * silu(a). da, db: overwritten. */
  void swigluBackward(NDArray a, NDArray b, NDArray dOut, NDArray da, NDArray db);

  // ---- fused: RoPE (handout section 3.5.3) ----

  /**
   * Rotates each interleaved pair (x[2i], x[2i+1]) of the last dimension by the angle
   * pos * theta^(-2i/D), where pos = positions[...] (INT64, x's shape without the last dimension;
   * an expanded view when shared across batch or heads). {@code inverse} rotates by the negative
   * angle (the backward). x, out [..., D] contiguous, D even.
   */
  void rope(NDArray x, NDArray positions, float theta, boolean inverse, NDArray out);

  // ---- fused: softmax + cross-entropy ----

  /**
   * Per row of logits [N, V] (contiguous) with target t = targets[n] (INT64 [N]):
   * lse[n] = log sum_v exp(logits[n, v]) and losses[n] = lse[n] - logits[n, t]. losses, lse [N]:
   * overwritten. The probabilities are not stored: the backward recomputes them from lse.
   */
  void crossEntropy(NDArray logits, NDArray targets, NDArray losses, NDArray lse);

  /**
   * dLogits[n, v] = scale * (exp(logits[n, v] - lse[n]) - [v == t]). dLogits [N, V]: overwritten.
   * For the mean loss, scale = upstream gradient / N.
   */
  void crossEntropyBackward(NDArray logits, NDArray targets, NDArray lse, float scale, NDArray dLogits);

  // ---- fused: attention without a T x T matrix ----

  /**
   * out = softmax(scale * q k^T, masked causally with offset Tk - Tq) v. q, out [B, H, Tq, D],
   * k, v [B, H, Tk, D], each with a contiguous last dimension and any other strides; lse [B, H, Tq]
   * contiguous, overwritten with each row's log-sum-exp (all the backward needs).
   */
  void attention(NDArray q, NDArray k, NDArray v, float scale, boolean causal, NDArray out, NDArray lse);

  /** dq, dk, dv (shapes of q, k, v): overwritten, from the forward's inputs, out, lse and dOut. */
  void attentionBackward(NDArray q, NDArray k, NDArray v, NDArray out, NDArray dOut, NDArray lse,
      float scale, boolean causal, NDArray dq, NDArray dk, NDArray dv);

  // ---- optimizer ----

  /**
   * One AdamW step (handout Algorithm 1) over flat contiguous arrays of equal length:
   * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; param -= alpha_t m / (sqrt(v) + eps);
   * param -= lr * weightDecay * param. param, m, v: updated in place; grad: read.
   */
  void adamw(NDArray param, NDArray grad, NDArray m, NDArray v, AdamWStep step);
}
