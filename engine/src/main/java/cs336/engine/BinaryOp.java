package cs336.engine;

/**
 * Elementwise functions of two floats. Comparisons return 1 (true) or 0 (false): the engine's
 * mask form (see {@link DType}). {@link #apply} is the definition every kernel implements.
 */
public enum BinaryOp {
  ADD {
    @Override
    public float apply(float a, float b) {
      return a + b;
    }
  },
  SUB {
    @Override
    public float apply(float a, float b) {
      return a - b;
    }
  },
  MUL {
    @Override
    public float apply(float a, float b) {
      return a * b;
    }
  },
  DIV {
    @Override
    public float apply(float a, float b) {
      return a / b;
    }
  },
  POW {
    @Override
    public float apply(float a, float b) {
      return (float) Math.pow(a, b);
    }
  },
  MAX {
    @Override
    public float apply(float a, float b) {
      return Math.max(a, b);
    }
  },
  MIN {
    @Override
    public float apply(float a, float b) {
      return Math.min(a, b);
    }
  },
  EQ {
    @Override
    public float apply(float a, float b) {
      return a == b ? 1f : 0f;
    }
  },
  NE {
    @Override
    public float apply(float a, float b) {
      return a != b ? 1f : 0f;
    }
  },
  GT {
    @Override
    public float apply(float a, float b) {
      return a > b ? 1f : 0f;
    }
  },
  GE {
    @Override
    public float apply(float a, float b) {
      return a >= b ? 1f : 0f;
    }
  },
  LT {
    @Override
    public float apply(float a, float b) {
      return a < b ? 1f : 0f;
    }
  },
  LE {
    @Override
    public float apply(float a, float b) {
      return a <= b ? 1f : 0f;
    }
  };

  public abstract float apply(float a, float b);
}
