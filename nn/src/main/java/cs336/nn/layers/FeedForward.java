package cs336.nn.layers;

import cs336.autograd.Tensor;

/** The position-wise feed-forward network of a Transformer block: [..., d_model] -> [..., d_model]. */
public interface FeedForward {
  Tensor forward(Tensor x);
}
