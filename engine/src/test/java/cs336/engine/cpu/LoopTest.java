package cs336.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cs336.engine.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loop coalesces dimensions and visits every element once, in C order, from any start. */
class LoopTest {
  private static List<int[]> segments(Loop loop, int start, int end) {
    List<int[]> out = new ArrayList<>();
    loop.forSegments(start, end, (o, n) -> out.add(new int[] {o[0], n}));
    return out;
  }

  @Test
  void aContiguousArrayIsOneSegment() {
    Loop loop = Loop.over(NDArray.zeros(2, 3, 4));
    assertEquals(24, loop.innerLength());
    assertEquals(1, loop.innerStride(0));
    assertEquals(1, segments(loop, 0, 24).size());
  }

  @Test
  void aTransposeWalksRowsOfTheView() {
    NDArray t = NDArray.arange(6).view(2, 3).transpose(0, 1);      // [3, 2], strides [1, 3]
    Loop loop = Loop.over(t);
    assertEquals(2, loop.innerLength());
    assertEquals(3, loop.innerStride(0));
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, Loop.offsets(t));
  }

  @Test
  void segmentsStartMidRowAndCarry() {
    NDArray a = NDArray.zeros(4, 5).narrow(1, 1, 3);                // rows of 3 with stride 5
    List<int[]> s = segments(Loop.over(a), 2, 8);
    assertArrayEquals(new int[] {3, 1}, s.get(0));                 // row 0, last element
    assertArrayEquals(new int[] {6, 3}, s.get(1));                 // row 1
    assertArrayEquals(new int[] {11, 2}, s.get(2));                // first two of row 2
  }

  @Test
  void broadcastOperandsKeepStrideZero() {
    NDArray out = NDArray.zeros(3, 4), row = NDArray.zeros(1, 4).expand(3, 4);
    Loop loop = Loop.over(out, row);
    assertEquals(4, loop.innerLength());
    assertEquals(0, Loop.offsets(row)[4]);
    assertEquals(1, loop.innerStride(1));
  }
}
