package cs336.engine;

/**
 * Elementwise functions of one float. {@link #apply} is the definition every kernel implements
 * (the scalar CPU kernels call it directly); a faster kernel may differ from it by rounding only.
 */
public enum UnaryOp {
  NEG {
    @Override
    public float apply(float x) {
      return -x;
    }
  },
  EXP {
    @Override
    public float apply(float x) {
      return (float) Math.exp(x);
    }
  },
  LOG {
    @Override
    public float apply(float x) {
      return (float) Math.log(x);
    }
  },
  SQRT {
    @Override
    public float apply(float x) {
      return (float) Math.sqrt(x);
    }
  },
  /** 1 / sqrt(x). */
  RSQRT {
    @Override
    public float apply(float x) {
      return (float) (1.0 / Math.sqrt(x));
    }
  },
  RELU {
    @Override
    public float apply(float x) {
      return x > 0f ? x : 0f;
    }
  },
  /** 1 / (1 + exp(-x)). */
  SIGMOID {
    @Override
    public float apply(float x) {
      return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
  },
  /** x * sigmoid(x) (the handout's SiLU, eq. 5). */
  SILU {
    @Override
    public float apply(float x) {
      return (float) (x / (1.0 + Math.exp(-x)));
    }
  },
  TANH {
    @Override
    public float apply(float x) {
      return (float) Math.tanh(x);
    }
  },
  ABS {
    @Override
    public float apply(float x) {
      return Math.abs(x);
    }
  },
  SQUARE {
    @Override
    public float apply(float x) {
      return x * x;
    }
  },
  RECIPROCAL {
    @Override
    public float apply(float x) {
      return 1f / x;
    }
  };

  public abstract float apply(float x);
}
