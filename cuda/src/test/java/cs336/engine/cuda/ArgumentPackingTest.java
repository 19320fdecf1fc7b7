package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.NDArray;
import cs336.engine.cuda.KernelArgs.Param;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel arguments are laid out byte for byte as the C structs and PTX parameters expect. */
class ArgumentPackingTest {
  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void cStructAlignsFieldsAndPadsToItsAlignment() {
    CStruct view = new CStruct(64).ptr(0x1122334455667788L).i32(1).i32(2).i32(3);   // struct View
    byte[] b = view.bytes();
    assertEquals(24, b.length);
    assertEquals(8, view.alignment());
    assertEquals(0x1122334455667788L, le(b).getLong(0));
    assertEquals(3, le(b).getInt(16));
    CStruct mixed = new CStruct(64).i32(7).ptr(9);                                  // int then pointer: padded
    assertEquals(16, mixed.bytes().length);
    assertEquals(9, le(mixed.bytes()).getLong(8));
  }

  @Test
  void structSizesMatchTheCStructs() {
    assertEquals(Kernel.GEMM.size(), CudaMatmul.gemm(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, true, 1, 6, 0).bytes().length);
    assertEquals(Kernel.ATTN_SHAPE.size(), CudaAttention.shape(2, 4, 12, 12, 32, 0.17f, true).bytes().length);
    assertEquals(Kernel.STRIDED.size(), Strided.over(NDArray.zeros(3, 4)).pack().bytes().length);
    byte[] g = CudaMatmul.gemm(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, true, 1, 6, 12).bytes();
    assertEquals(3, le(g).getLong(16));       // c
    assertEquals(4, le(g).getInt(24));        // m
    assertEquals(12, le(g).getInt(68));       // zBase, the last field
  }

  @Test
  void argsRecordTheirPtxTypesAndKernelsCheckThem() {
    KernelArgs args = new KernelArgs().struct(Strided.over(NDArray.zeros(2)).pack()).ptr(10).ptr(20).i32(3);
    assertEquals(List.of(Kernel.STRIDED, Param.U64, Param.U64, Param.U32), args.params());
    Kernel.UNARY_F32.checkArgs(args);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kernel.BINARY_F32.checkArgs(args));
    assertTrue(e.getMessage().contains("binary_f32"), e.getMessage());
    assertArrayEquals(new int[] {3}, (int[]) args.values().get(3));
    assertArrayEquals(new long[] {20}, (long[]) args.values().get(2));
  }
}
