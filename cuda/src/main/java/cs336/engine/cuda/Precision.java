package cs336.engine.cuda;

import java.util.Locale;

/**
 * How the CUDA matmul rounds its inputs. Storage is always FP32 (so weights, gradients and AdamW's
 * moments are FP32 in both modes); only what the tensor cores read differs.
 */
public enum Precision {
  /**
   * FP32-accurate: 3xTF32 (each input split into two TF32 parts, three MMAs per product), close to
   * an FP32 FMA loop; what the conformance fixtures are checked in.
   */
  FP32,
  /** Mixed precision: matmul inputs rounded to BF16, products accumulated in FP32. */
  BF16;

  /** "fp32" or "bf16" (as on the command line). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "fp32" / "bf16" (any case); throws naming the choices otherwise. */
  public static Precision parse(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "fp32", "float32" -> FP32;
      case "bf16", "bfloat16" -> BF16;
      default -> throw new IllegalArgumentException("CUDA precision must be fp32 or bf16, got '" + s + "'");
    };
  }

  /** The system property {@code cs336.cuda.dtype} (fp32 when unset). */
  static Precision fromProperty() {
    String p = System.getProperty("cs336.cuda.dtype", "").strip();
    return p.isEmpty() ? FP32 : parse(p);
  }
}
