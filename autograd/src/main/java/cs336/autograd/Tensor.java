package cs336.autograd;

import cs336.autograd.ops.elementwise.Add;
import cs336.autograd.ops.elementwise.Div;
import cs336.autograd.ops.elementwise.Exp;
import cs336.autograd.ops.elementwise.Log;
import cs336.autograd.ops.elementwise.Mul;
import cs336.autograd.ops.elementwise.Neg;
import cs336.autograd.ops.elementwise.Pow;
import cs336.autograd.ops.elementwise.Relu;
import cs336.autograd.ops.elementwise.Rsqrt;
import cs336.autograd.ops.elementwise.Sigmoid;
import cs336.autograd.ops.elementwise.Sqrt;
import cs336.autograd.ops.elementwise.Sub;
import cs336.autograd.ops.elementwise.Tanh;
import cs336.autograd.ops.elementwise.Where;
import cs336.autograd.ops.fused.CrossEntropy;
import cs336.autograd.ops.fused.FusedAttention;
import cs336.autograd.ops.fused.RmsNorm;
import cs336.autograd.ops.fused.Rope;
import cs336.autograd.ops.fused.Silu;
import cs336.autograd.ops.fused.SwiGlu;
import cs336.autograd.ops.index.Embedding;
import cs336.autograd.ops.index.Gather;
import cs336.autograd.ops.matmul.MatMul;
import cs336.autograd.ops.movement.Cat;
import cs336.autograd.ops.movement.Contiguous;
import cs336.autograd.ops.movement.Expand;
import cs336.autograd.ops.movement.Permute;
import cs336.autograd.ops.movement.Slice;
import cs336.autograd.ops.movement.View;
import cs336.autograd.ops.reduce.LogSoftmax;
import cs336.autograd.ops.reduce.Max;
import cs336.autograd.ops.reduce.Sum;
import cs336.autograd.ops.reduce.Softmax;
import cs336.engine.DType;
import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.List;
import java.util.Random;

/**
 * The user-facing array with gradients, named as in PyTorch. A tensor wraps an {@link NDArray}
 * ({@link #data()}) and, when it was computed from tensors that require grad, the {@link Op} that
 * produced it ({@link #gradFn()}). {@link #backward()} fills {@link #grad()} of every leaf tensor
 * that {@link #requiresGrad()}.
 *
 * <pre>{@code
 * Tensor a = Tensor.scalar(-4).requiresGrad(true);
 * Tensor b = Tensor.scalar(2).requiresGrad(true);
 * Tensor c = a.add(b).mul(a);
 * c.backward();          // a.grad() = 2a + b = -6, b.grad() = a = -4
 * }</pre>
 *
 * <p>Every method that computes returns a new tensor (views share data, as in PyTorch); the only
 * in-place methods are {@link #copyFrom} (for caches, under {@link NoGrad}) and the gradient
 * helpers. Float tensors are FLOAT32; token ids and indices are INT64 tensors (no gradients); masks
 * are FLOAT32 tensors of 0 and 1.
 */
public final class Tensor {
  private final NDArray data;
  private boolean requiresGrad;
  private final Op gradFn;
  private NDArray grad;
  private boolean retainGrad;
  private String name;

  Tensor(NDArray data, boolean requiresGrad, Op gradFn) {
    this.data = data;
    this.requiresGrad = requiresGrad;
    this.gradFn = gradFn;
  }

  // ---- creation ----

  /** A leaf tensor over {@code data} (shared, not copied). */
  public static Tensor of(NDArray data) {
    return new Tensor(data, false, null);
  }

  /** A float32 CPU tensor holding a copy of {@code values} in C order; no shape means 1-D. */
  public static Tensor of(float[] values, int... shape) {
    return of(NDArray.of(values, shape));
  }

  /** An int64 CPU tensor (token ids, targets, positions). */
  public static Tensor ofLongs(long[] values, int... shape) {
    return of(NDArray.ofLongs(values, shape));
  }

  /** A 0-d float32 tensor. */
  public static Tensor scalar(float value) {
    return of(NDArray.scalar(value));
  }

  public static Tensor zeros(int... shape) {
    return of(NDArray.zeros(shape));
  }

  public static Tensor ones(int... shape) {
    return of(NDArray.ones(shape));
  }

  public static Tensor full(float value, int... shape) {
    return of(NDArray.full(value, shape));
  }

  /** Standard normal values from {@code random}. */
  public static Tensor randn(Random random, int... shape) {
    return of(NDArray.randn(random, shape));
  }

  // ---- what it is ----

  /** The values (shared: writing into them changes this tensor). */
  public NDArray data() {
    return data;
  }

  public int[] shape() {
    return data.shape();
  }

  public int shape(int dim) {
    return data.shape(dim);
  }

  public int rank() {
    return data.rank();
  }

  public int numel() {
    return data.numel();
  }

  public DType dtype() {
    return data.dtype();
  }

  /** The value of a one-element tensor. */
  public float item() {
    return data.item();
  }

  /** A label for graphs and messages (parameters get their state-dict key). */
  public String name() {
    return name;
  }

  public Tensor name(String label) {
    this.name = label;
    return this;
  }

  // ---- gradients ----

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks a leaf tensor as needing a gradient (PyTorch's requires_grad_); returns this. */
  public Tensor requiresGrad(boolean value) {
    if (gradFn != null) {
      throw new IllegalStateException("requiresGrad can only be set on leaf tensors, not on the output of "
          + gradFn.name() + " (use detach() first)");
    }
    if (value && data.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("only float32 tensors can require grad, this one is " + data.dtype());
    }
    requiresGrad = value;
    return this;
  }

  /** The op that produced this tensor, or null for a leaf. */
  public Op gradFn() {
    return gradFn;
  }

  /** True for tensors made by the user rather than by an op (parameters, inputs). */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** The accumulated gradient (null until a backward pass reaches this tensor). */
  public NDArray grad() {
    return grad;
  }

  /**
   * Sets the gradient buffer; later backward passes add into it in place. Lets a module point all
   * gradients into one preallocated arena (zero it, run backward, step).
   */
  public void setGrad(NDArray g) {
    if (g != null && !data.sameShape(g)) {
      throw new IllegalArgumentException("gradient shape " + Shapes.str(g.shape()) + " differs from the tensor's "
          + Shapes.str(data.shape()));
    }
    grad = g;
  }

  /** Fills the gradient with zeros in place (keeping its buffer); no-op when there is none. */
  public void zeroGrad() {
    if (grad != null) grad.fill(0);
  }

  /** Keeps this non-leaf tensor's gradient after backward (PyTorch's retain_grad). */
  public Tensor retainGrad() {
    retainGrad = true;
    return this;
  }

  boolean retainsGrad() {
    return retainGrad;
  }

  void accumulateGrad(NDArray g) {
    if (grad == null) grad = g.copy(); else grad.addInPlace(g);
  }

  /** Backpropagates from this one-element tensor (seed 1) and frees the graph. */
  public void backward() {
    if (numel() != 1) {
      throw new IllegalStateException("backward() without a gradient needs a one-element tensor, shape is "
          + Shapes.str(shape()) + "; pass the output gradient");
    }
    backward(seed(), false);
  }

  /** Backpropagates from this one-element tensor, keeping the graph when {@code retainGraph}. */
  public void backward(boolean retainGraph) {
    backward(seed(), retainGraph);
  }

  /** The output gradient 1, on this tensor's device (a GPU loss needs a GPU seed). */
  private NDArray seed() {
    return NDArray.full(1f, shape()).to(data.device());
  }

  /** Backpropagates with output gradient {@code gradOutput} (this tensor's shape). */
  public void backward(NDArray gradOutput) {
    backward(gradOutput, false);
  }

  public void backward(NDArray gradOutput, boolean retainGraph) {
    Backprop.run(this, gradOutput, retainGraph);
  }

  /** The same data, cut from the graph (no gradient flows back through it). */
  public Tensor detach() {
    return of(data);
  }

  // ---- elementwise (broadcasting as in NumPy) ----

  public Tensor add(Tensor o) { return Add.apply(this, o); }
  public Tensor sub(Tensor o) { return Sub.apply(this, o); }
  public Tensor mul(Tensor o) { return Mul.apply(this, o); }
  public Tensor div(Tensor o) { return Div.apply(this, o); }
  public Tensor add(float s) { return Add.apply(this, constant(s)); }
  public Tensor sub(float s) { return Sub.apply(this, constant(s)); }
  public Tensor mul(float s) { return Mul.apply(this, constant(s)); }
  public Tensor div(float s) { return Div.apply(this, constant(s)); }
  /** s - this. */
  public Tensor rsub(float s) { return Sub.apply(constant(s), this); }
  /** s / this. */
  public Tensor rdiv(float s) { return Div.apply(constant(s), this); }
  public Tensor neg() { return Neg.apply(this); }
  public Tensor exp() { return Exp.apply(this); }
  public Tensor log() { return Log.apply(this); }
  public Tensor sqrt() { return Sqrt.apply(this); }
  public Tensor rsqrt() { return Rsqrt.apply(this); }
  /** this^p for a constant exponent. */
  public Tensor pow(float p) { return Pow.apply(this, p); }
  public Tensor relu() { return Relu.apply(this); }
  public Tensor sigmoid() { return Sigmoid.apply(this); }
  public Tensor tanh() { return Tanh.apply(this); }

  private Tensor constant(float s) {
    return of(NDArray.zeros(data.device(), DType.FLOAT32).fill(s));
  }

  /** cond != 0 ? a : b (cond a 0/1 mask; no gradient flows into it). */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Where.apply(cond, a, b);
  }

  /** this where {@code mask} is 0, {@code value} where it is nonzero (PyTorch's masked_fill). */
  public Tensor maskedFill(Tensor mask, float value) {
    return Where.apply(mask, constant(value), this);
  }

  // comparisons make masks (1/0) and carry no gradient
  public Tensor eq(Tensor o) { return of(data.eq(o.data)); }
  public Tensor gt(Tensor o) { return of(data.gt(o.data)); }
  public Tensor lt(Tensor o) { return of(data.lt(o.data)); }
  public Tensor gt(float s) { return of(data.gt(s)); }
  public Tensor lt(float s) { return of(data.lt(s)); }

  // ---- reductions ----

  /** Sum of all elements (0-d). */
  public Tensor sum() { return Sum.apply(this, allDims(), false, false); }
  public Tensor sum(int dim, boolean keepdim) { return Sum.apply(this, new int[] {dim}, keepdim, false); }
  public Tensor sum(int[] dims, boolean keepdim) { return Sum.apply(this, dims, keepdim, false); }
  public Tensor mean() { return Sum.apply(this, allDims(), false, true); }
  public Tensor mean(int dim, boolean keepdim) { return Sum.apply(this, new int[] {dim}, keepdim, true); }
  public Tensor mean(int[] dims, boolean keepdim) { return Sum.apply(this, dims, keepdim, true); }
  /** Largest element along {@code dim}; ties share the gradient equally. */
  public Tensor max(int dim, boolean keepdim) { return Max.apply(this, dim, keepdim); }
  /** Largest element (0-d). */
  public Tensor max() { return Max.apply(reshape(-1), 0, false); }
  /** Index of the largest element along {@code dim} (int64, no gradient). */
  public Tensor argmax(int dim, boolean keepdim) { return of(data.argmax(dim, keepdim)); }
  public Tensor softmax(int dim) { return Softmax.apply(this, dim); }
  public Tensor logSoftmax(int dim) { return LogSoftmax.apply(this, dim); }

  private int[] allDims() {
    int[] d = new int[rank()];
    for (int i = 0; i < d.length; i++) d[i] = i;
    return d;
  }

  // ---- movement (views share data) ----

  public Tensor view(int... shape) { return View.apply(this, shape, true); }
  /** Like view, copying when the strides make a view impossible. */
  public Tensor reshape(int... shape) { return View.apply(this, shape, false); }
  public Tensor flatten() { return reshape(-1); }
  public Tensor squeeze(int dim) { return view(data.squeeze(dim).shape()); }
  public Tensor unsqueeze(int dim) { return view(data.unsqueeze(dim).shape()); }
  public Tensor permute(int... dims) { return Permute.apply(this, dims); }
  public Tensor transpose(int dim0, int dim1) { return Permute.apply(this, transposeOrder(dim0, dim1)); }
  public Tensor expand(int... shape) { return Expand.apply(this, shape); }
  public Tensor narrow(int dim, int start, int length) { return Slice.apply(this, dim, start, start + length, 1); }
  public Tensor slice(int dim, int start, int end) { return Slice.apply(this, dim, start, end, 1); }
  public Tensor slice(int dim, int start, int end, int step) { return Slice.apply(this, dim, start, end, step); }
  /** The slice at {@code index} along {@code dim}, that dimension removed. */
  public Tensor select(int dim, int index) {
    int d = Shapes.dim(dim, rank());
    int i = index < 0 ? index + shape(d) : index;
    return narrow(d, i, 1).squeeze(d);
  }
  public Tensor contiguous() { return data.isContiguous() ? this : Contiguous.apply(this); }

  /** Concatenates along {@code dim} (all other dimensions equal). */
  public static Tensor cat(List<Tensor> tensors, int dim) { return Cat.apply(tensors, dim); }

  private int[] transposeOrder(int dim0, int dim1) {
    int[] order = new int[rank()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    int a = Shapes.dim(dim0, rank()), b = Shapes.dim(dim1, rank());
    order[a] = b;
    order[b] = a;
    return order;
  }

  // ---- matmul and indexing ----

  /** Matrix product (NumPy semantics: batch dimensions broadcast; 1-D operands are vectors). */
  public Tensor matmul(Tensor o) {
    Tensor a = rank() == 1 ? unsqueeze(0) : this;
    Tensor b = o.rank() == 1 ? o.unsqueeze(1) : o;
    Tensor out = MatMul.apply(a, b);
    if (o.rank() == 1) out = out.squeeze(-1);
    if (rank() == 1) out = out.squeeze(out.rank() == 1 ? 0 : -2);
    return out;
  }

  /** Rows of {@code weight} [V, C] picked by int64 {@code ids} [...]: [..., C]. */
  public static Tensor embedding(Tensor weight, Tensor ids) {
    return Embedding.apply(weight, ids);
  }

  /** torch.gather: values of this tensor at int64 {@code index} along {@code dim}. */
  public Tensor gather(int dim, Tensor index) {
    return Gather.apply(this, dim, index);
  }

  /**
   * Writes {@code src} (broadcast to this shape) into this tensor's data in place, e.g. new keys
   * into a slice of a preallocated KV cache. Not recorded in the graph: use it under {@link NoGrad}
   * or on tensors that do not require grad.
   */
  public Tensor copyFrom(Tensor src) {
    if (GradMode.isEnabled() && (requiresGrad || src.requiresGrad)) {
      throw new IllegalStateException("copyFrom is not differentiable: call it inside NoGrad, or use cat");
    }
    data.copyFrom(src.data);
    return this;
  }

  // ---- fused Transformer ops ----

  /** RMSNorm over the last dimension: x / sqrt(mean(x^2) + eps) * weight (handout eq. 4). */
  public Tensor rmsNorm(Tensor weight, float eps) { return RmsNorm.apply(this, weight, eps); }
  /** x * sigmoid(x) (handout eq. 5). */
  public Tensor silu() { return Silu.apply(this); }
  /** The SwiGLU gate silu(a) * b for a = W1 x, b = W3 x (handout eq. 6). */
  public static Tensor swiglu(Tensor a, Tensor b) { return SwiGlu.apply(a, b); }
  /**
   * Rotary position embedding with interleaved pairs over the last dimension; {@code positions}
   * (int64) broadcasts against this tensor's shape without its last dimension.
   */
  public Tensor rope(Tensor positions, float theta) { return Rope.apply(this, positions, theta); }
  /** Mean cross-entropy of logits [..., V] against int64 targets [...], softmax fused in. */
  public Tensor crossEntropy(Tensor targets) { return CrossEntropy.apply(this, targets); }

  /**
   * softmax(q k^T / sqrt(D)) v computed tile by tile without a T x T matrix; {@code causal} masks
   * keys after each query (offset Tk - Tq, so one new query sees a whole KV cache). q [..., Tq, D],
   * k and v [..., Tk, D] with equal leading dimensions (usually [B, H]).
   */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, boolean causal) {
    return FusedAttention.apply(q, k, v, causal);
  }

  // ---- printing ----

  /** {@code tensor([...], gradFn=Mul)}: the values in NumPy style plus the autograd state. */
  @Override
  public String toString() {
    String values = data.toString().replace("\n", "\n       ");
    String extra = gradFn != null ? ", gradFn=" + gradFn.name() : requiresGrad ? ", requiresGrad=true" : "";
    String dtype = data.dtype() == DType.INT64 ? ", dtype=int64" : "";
    return "tensor(" + values + dtype + extra + ")";
  }
}
