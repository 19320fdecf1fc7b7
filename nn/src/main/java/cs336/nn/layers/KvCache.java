package cs336.nn.layers;

import cs336.autograd.GradMode;
import cs336.autograd.Tensor;
import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.Shapes;

/**
 * The keys and values a decoder has already computed, so that generating one more token costs one
 * position per layer instead of a re-run over the whole sequence. Per layer, a key buffer and a
 * value buffer [B, H, capacity, D] (after RoPE, so positions are baked in); the first
 * {@link #length()} positions are filled.
 *
 * <p>A forward pass with a cache writes its new keys and values at positions
 * [length, length + T) of every layer, attends over [0, length + T), and then the model calls
 * {@link #advance}. Only for inference: use it inside {@code NoGrad}.
 */
public final class KvCache {
  private final NDArray[] keys;
  private final NDArray[] values;
  private final int capacity;
  private int length;

  /** An empty cache for {@code numLayers} layers of {@code numHeads} heads of size {@code headDim}. */
  public KvCache(Device device, int numLayers, int batch, int numHeads, int capacity, int headDim) {
    this.keys = new NDArray[numLayers];
    this.values = new NDArray[numLayers];
    this.capacity = capacity;
    for (int i = 0; i < numLayers; i++) {
      keys[i] = NDArray.zeros(device, DType.FLOAT32, batch, numHeads, capacity, headDim);
      values[i] = NDArray.zeros(device, DType.FLOAT32, batch, numHeads, capacity, headDim);
    }
  }

  /** Positions filled so far. */
  public int length() {
    return length;
  }

  /** Positions the buffers hold (the model's context length). */
  public int capacity() {
    return capacity;
  }

  /** Forgets every position (the buffers are reused). */
  public void reset() {
    length = 0;
  }

  /** Marks {@code n} more positions as filled (the model calls it after all layers wrote them). */
  public void advance(int n) {
    if (length + n > capacity) throw new IllegalStateException("KV cache overflow: " + (length + n) + " > " + capacity);
    length += n;
  }

  /** Layer {@code i}'s part of the cache. */
  public Layer layer(int i) {
    return new Layer(i);
  }

  /** One layer's key and value buffers. */
  public final class Layer {
    private final int index;

    private Layer(int index) {
      this.index = index;
    }

    /** Where the next positions go (the cache's current length). */
    public int start() {
      return length;
    }

    /**
     * Writes {@code k} and {@code v} ([B, H, T, D]) at positions [length, length + T) and returns the
     * keys and values of positions [0, length + T), as views of the buffers.
     */
    public Tensor[] append(Tensor k, Tensor v) {
      if (GradMode.isEnabled() && (k.requiresGrad() || v.requiresGrad())) {
        throw new IllegalStateException("a KV cache is for inference: run the forward pass inside NoGrad");
      }
      NDArray kb = keys[index], vb = values[index];
      int T = k.shape(2);
      if (k.rank() != 4 || k.shape(0) != kb.shape(0) || k.shape(1) != kb.shape(1) || k.shape(3) != kb.shape(3)) {
        throw new IllegalArgumentException("keys " + Shapes.str(k.shape()) + " do not fit a KV cache of "
            + Shapes.str(kb.shape()));
      }
      if (length + T > capacity) {
        throw new IllegalStateException("KV cache holds " + capacity + " positions; " + length + " + " + T + " do not fit");
      }
      kb.narrow(2, length, T).copyFrom(k.data());
      vb.narrow(2, length, T).copyFrom(v.data());
      return new Tensor[] {Tensor.of(kb.narrow(2, 0, length + T)), Tensor.of(vb.narrow(2, 0, length + T))};
    }
  }
}
