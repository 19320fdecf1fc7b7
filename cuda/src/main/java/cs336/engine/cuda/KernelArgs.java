package cs336.engine.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * The argument list of one kernel launch, in order: each argument's value as the small Java array
 * JCuda passes by pointer ({@code long[1]}, {@code int[1]}, {@code float[1]} or the bytes of a
 * struct), and its {@link Param} type, which must equal the PTX's declaration of that parameter
 * ({@link Kernel#launch} checks this at the first launch of each kernel).
 */
final class KernelArgs {
  /** One parameter's type as PTX declares it: {@code u64}, {@code u32}, {@code f32} or a struct. */
  record Param(String type, int size, int align) {
    static final Param U64 = new Param("u64", 8, 8);
    static final Param U32 = new Param("u32", 4, 4);
    static final Param F32 = new Param("f32", 4, 4);

    static Param struct(int size, int align) {
      return new Param("b8", size, align);
    }

    @Override
    public String toString() {
      return type.equals("b8") ? "struct[" + size + ", align " + align + "]" : type;
    }
  }

  private final List<Object> values = new ArrayList<>();
  private final List<Param> params = new ArrayList<>();

  /** A device pointer (already offset to the view's first element). */
  KernelArgs ptr(long address) {
    return add(new long[] {address}, Param.U64);
  }

  KernelArgs i32(int v) {
    return add(new int[] {v}, Param.U32);
  }

  KernelArgs i64(long v) {
    return add(new long[] {v}, Param.U64);
  }

  KernelArgs f32(float v) {
    return add(new float[] {v}, Param.F32);
  }

  /** A struct passed by value. */
  KernelArgs struct(CStruct s) {
    byte[] b = s.bytes();
    return add(b, Param.struct(b.length, s.alignment()));
  }

  private KernelArgs add(Object value, Param p) {
    values.add(value);
    params.add(p);
    return this;
  }

  /** The values, each a one-element primitive array or a struct's bytes. */
  List<Object> values() {
    return values;
  }

  /** The parameter types, in order. */
  List<Param> params() {
    return params;
  }
}
