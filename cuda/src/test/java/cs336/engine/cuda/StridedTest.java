package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cs336.engine.NDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Strided merges what it can, keeps what it must, and packs like common.cuh's struct. */
class StridedTest {
  @Test
  void contiguousArraysOfAnyShapeBecomeOneDimension() {
    Strided s = Strided.over(NDArray.zeros(2, 3, 4), NDArray.zeros(2, 3, 4));
    assertEquals(1, s.rank());
    assertEquals(24, s.n());
    assertArrayEquals(new int[] {1}, s.strides(1));
  }

  @Test
  void transposedAndBroadcastOperandsKeepTheirDimensions() {
    NDArray out = NDArray.zeros(3, 4);
    NDArray t = NDArray.zeros(4, 3).transpose(0, 1);            // strides (1, 3)
    NDArray row = NDArray.zeros(4).expand(3, 4);                // strides (0, 1)
    Strided s = Strided.over(out, t, row);
    assertArrayEquals(new int[] {3, 4}, s.shape());
    assertArrayEquals(new int[] {4, 1}, s.strides(0));
    assertArrayEquals(new int[] {1, 3}, s.strides(1));
    assertArrayEquals(new int[] {0, 1}, s.strides(2));
  }

  @Test
  void sizeOneDimensionsDropAndScalarsAreOneElement() {
    assertEquals(1, Strided.over(NDArray.zeros(1, 5, 1)).rank());
    Strided scalar = Strided.over(NDArray.scalar(2f));
    assertEquals(1, scalar.n());
    assertEquals(0, Strided.over(NDArray.zeros(3, 0)).n());
    assertEquals(0, Strided.none().n());
  }

  @Test
  void tooManyDimensionsAfterMergingIsAClearError() {
    int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
    int[] strides = {1000, 300, 90, 27, 8, 3, 1, 5000, 7000};     // no neighbours merge
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strided.of(shape, strides));
    assertEquals(true, e.getMessage().contains("at most 8 dimensions"), e.getMessage());
  }

  @Test
  void packsRankCountShapeAndStridesInOrder() {
    Strided s = Strided.over(NDArray.zeros(3, 4), NDArray.zeros(4, 3).transpose(0, 1));
    ByteBuffer b = ByteBuffer.wrap(s.pack().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(Strided.BYTES, b.capacity());
    assertEquals(2, b.getInt(0));                 // rank
    assertEquals(12, b.getInt(4));                // n
    assertEquals(3, b.getInt(8));                 // shape[0]
    assertEquals(1, b.getInt(8 + 4 * 2));         // shape[2]: unused dims are 1
    int strides = 8 + 4 * Strided.MAX_RANK;
    assertEquals(4, b.getInt(strides));           // stride[0][0]
    assertEquals(3, b.getInt(strides + 4 * Strided.MAX_RANK + 4));   // stride[1][1]
  }
}
