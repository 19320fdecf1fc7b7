package cs336.engine.io;

/**
 * Element types as stored in files, with their NumPy descriptor (little-endian) and safetensors
 * name. The engine computes in float32 and int64; {@link HostArray#toNDArray()} converts.
 */
public enum FileDType {
  FLOAT32("<f4", "F32", 4),
  FLOAT64("<f8", "F64", 8),
  FLOAT16("<f2", "F16", 2),
  BFLOAT16(null, "BF16", 2),
  INT64("<i8", "I64", 8),
  INT32("<i4", "I32", 4),
  UINT32("<u4", "U32", 4),
  UINT16("<u2", "U16", 2),
  UINT8("|u1", "U8", 1),
  BOOL("|b1", "BOOL", 1);

  private final String npy;
  private final String safetensors;
  private final int bytes;

  FileDType(String npy, String safetensors, int bytes) {
    this.npy = npy;
    this.safetensors = safetensors;
    this.bytes = bytes;
  }

  /** The NumPy descriptor, e.g. {@code <f4}; null when NumPy has no such type. */
  public String npy() {
    return npy;
  }

  /** The safetensors dtype name, e.g. {@code F32}. */
  public String safetensors() {
    return safetensors;
  }

  public int bytes() {
    return bytes;
  }

  /** True for the floating-point types (converted to FLOAT32 arrays). */
  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
  }

  /**
   * The type for a NumPy descriptor: {@code <} and {@code |} (and {@code =} on this little-endian
   * machine) are accepted, as are single-byte types with any order mark; null when unsupported.
   */
  static FileDType fromNpy(String descr) {
    if (descr.length() < 2) return null;
    char order = descr.charAt(0);
    String kind = descr.substring(1);
    for (FileDType t : values()) {
      if (t.npy == null || !t.npy.substring(1).equals(kind)) continue;
      if (order == '<' || order == '|' || order == '=' || t.bytes == 1) return t;
    }
    return null;
  }

  /** The type for a safetensors dtype name, or null. */
  static FileDType fromSafetensors(String name) {
    for (FileDType t : values()) if (t.safetensors.equals(name)) return t;
    return null;
  }
}
