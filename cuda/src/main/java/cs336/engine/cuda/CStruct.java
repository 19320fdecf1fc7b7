package cs336.engine.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bytes laid out like a C struct on x86-64 / CUDA: each field at the next multiple of its own size,
 * the whole padded to its largest alignment. Kernel parameters of struct type are passed by value
 * as these bytes, so the order and types of the {@code put} calls must follow the struct in the .cu
 * file; the PTX states each struct parameter's size and alignment, and {@link Kernel} checks them.
 */
final class CStruct {
  private final ByteBuffer buf;
  private int align = 1;

  CStruct(int capacity) {
    buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void alignTo(int n) {
    while (buf.position() % n != 0) buf.put((byte) 0);
    align = Math.max(align, n);
  }

  /** An {@code int} (4 bytes). */
  CStruct i32(int v) {
    alignTo(4);
    buf.putInt(v);
    return this;
  }

  /** A {@code float} (4 bytes). */
  CStruct f32(float v) {
    alignTo(4);
    buf.putFloat(v);
    return this;
  }

  /** A device pointer (8 bytes). */
  CStruct ptr(long address) {
    alignTo(8);
    buf.putLong(address);
    return this;
  }

  /** The struct's alignment: that of its most aligned field. */
  int alignment() {
    return align;
  }

  /** The finished bytes, padded to a multiple of the alignment (C's sizeof). */
  byte[] bytes() {
    int size = buf.position();
    int padded = (size + align - 1) / align * align;
    byte[] out = new byte[padded];
    System.arraycopy(buf.array(), 0, out, 0, size);
    return out;
  }
}
