package cs336.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Views against hand-computed shapes, strides and offsets; writes through views reach the base. */
class NDArrayViewTest {
  /** [[[0..3],[4..7],[8..11]],[[12..15],...]] with shape [2, 3, 4]. */
  private static NDArray base() {
    return NDArray.arange(24).view(2, 3, 4);
  }

  private static void assertLayout(NDArray a, int[] shape, int[] strides, int offset) {
    assertArrayEquals(shape, a.shape(), "shape");
    assertArrayEquals(strides, a.strides(), "strides");
    assertEquals(offset, a.offset(), "offset");
  }

  @Test
  void contiguousStridesAreRowMajor() {
    assertLayout(base(), new int[] {2, 3, 4}, new int[] {12, 4, 1}, 0);
    assertTrue(base().isContiguous());
  }

  @Test
  void permuteAndTransposeSwapStrides() {
    NDArray p = base().permute(2, 0, 1);
    assertLayout(p, new int[] {4, 2, 3}, new int[] {1, 12, 4}, 0);
    assertFalse(p.isContiguous());
    assertEquals(base().get(1, 2, 3), p.get(3, 1, 2));
    assertLayout(base().transpose(0, -1), new int[] {4, 3, 2}, new int[] {1, 4, 12}, 0);
  }

  @Test
  void narrowSliceSelectMoveTheOffset() {
    assertLayout(base().narrow(1, 1, 2), new int[] {2, 2, 4}, new int[] {12, 4, 1}, 4);
    assertLayout(base().slice(2, 1, 4, 2), new int[] {2, 3, 2}, new int[] {12, 4, 2}, 1);
    NDArray s = base().select(0, 1);
    assertLayout(s, new int[] {3, 4}, new int[] {4, 1}, 12);
    assertEquals(13f, s.get(0, 1));
    assertLayout(base().select(2, -1), new int[] {2, 3}, new int[] {12, 4}, 3);
  }

  @Test
  void expandUsesStrideZero() {
    NDArray row = NDArray.of(new float[] {1, 2, 3}, 1, 3);
    NDArray e = row.expand(4, 2, 3);
    assertLayout(e, new int[] {4, 2, 3}, new int[] {0, 0, 1}, 0);
    assertEquals(3f, e.get(3, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> row.expand(2, 4));
  }

  @Test
  void squeezeAndUnsqueeze() {
    NDArray a = NDArray.zeros(2, 1, 3);
    assertLayout(a.squeeze(), new int[] {2, 3}, new int[] {3, 1}, 0);
    assertLayout(a.squeeze(1), new int[] {2, 3}, new int[] {3, 1}, 0);
    assertSame(a, a.squeeze(0));
    assertLayout(a.unsqueeze(0), new int[] {1, 2, 1, 3}, new int[] {6, 3, 3, 1}, 0);
    assertLayout(a.unsqueeze(-1), new int[] {2, 1, 3, 1}, new int[] {3, 3, 1, 1}, 0);
  }

  @Test
  void viewSplitsAndMergesWithinContiguousChunks() {
    assertLayout(base().view(6, 4), new int[] {6, 4}, new int[] {4, 1}, 0);
    assertLayout(base().view(2, -1), new int[] {2, 12}, new int[] {12, 1}, 0);
    // a transposed array can still split its dimensions ...
    NDArray t = base().view(6, 4).transpose(0, 1);            // [4, 6] strides [1, 4]
    assertLayout(t.view(4, 2, 3), new int[] {4, 2, 3}, new int[] {1, 12, 4}, 0);
    // ... but not merge across them
    assertThrows(IllegalArgumentException.class, () -> t.view(24));
    NDArray r = t.reshape(24);
    assertTrue(r.isContiguous());
    assertEquals(t.get(1, 0), r.get(6));
    // a narrowed row block stays viewable
    assertLayout(base().narrow(1, 1, 2).view(2, 8), new int[] {2, 8}, new int[] {12, 1}, 4);
  }

  @Test
  void writesThroughViewsReachTheBase() {
    NDArray a = base();
    a.transpose(0, 2).set(-1f, 3, 2, 1);
    assertEquals(-1f, a.get(1, 2, 3));
    a.narrow(1, 0, 1).fill(7);
    assertEquals(7f, a.get(1, 0, 2));
    assertEquals(4f, a.get(0, 1, 0));
  }

  @Test
  void contiguousCopiesOnlyWhenNeeded() {
    NDArray a = base();
    assertSame(a, a.contiguous());
    NDArray c = a.permute(1, 0, 2).contiguous();
    assertTrue(c.isContiguous());
    assertArrayEquals(new float[] {0, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7}, java.util.Arrays.copyOf(c.toFloatArray(), 12));
  }

  @Test
  void scalarsAndEmptyArrays() {
    NDArray s = NDArray.scalar(2.5f);
    assertEquals(0, s.rank());
    assertEquals(2.5f, s.item());
    assertEquals(2.5f, s.view(1, 1).get(0, 0));
    NDArray e = NDArray.zeros(0, 3);
    assertEquals(0, e.numel());
    assertEquals(0, e.sum(0, false).sum().item());
    assertArrayEquals(new int[] {3, 0}, e.transpose(0, 1).contiguous().shape());
  }

  @Test
  void toStringLooksLikeNumpy() {
    assertEquals("[[0.0000 1.0000 2.0000]\n [3.0000 4.0000 5.0000]]", NDArray.arange(6).view(2, 3).toString());
    assertEquals("[1 2]", NDArray.ofLongs(new long[] {1, 2}).toString());
    String big = NDArray.arange(2000).toString();
    assertTrue(big.contains("..."), big);
  }

  @Test
  void badIndicesAndShapesSayWhat() {
    var e = assertThrows(IllegalArgumentException.class, () -> base().view(5, 5));
    assertTrue(e.getMessage().contains("[5, 5]"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> base().get(2, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> base().permute(0, 0, 1));
  }
}
