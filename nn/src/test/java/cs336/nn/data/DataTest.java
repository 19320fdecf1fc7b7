package cs336.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.io.FileDType;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npy;
import cs336.nn.Rng;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token files of every supported kind, and get_batch's windows and statistics. */
class DataTest {
  @TempDir Path dir;

  private static HostArray uint32(long... values) {
    MemorySegment m = MemorySegment.ofArray(new byte[values.length * 4]);
    for (int i = 0; i < values.length; i++) {
      m.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, (int) values[i]);
    }
    return new HostArray(FileDType.UINT32, new long[] {values.length}, m);
  }

  @Test
  void npyFilesOfEachDtype() throws IOException {
    Npy.write(dir.resolve("a.npy"), HostArray.uint16(new int[] {65535, 1, 2}, 3));
    Npy.write(dir.resolve("b.npy"), uint32(4_000_000_000L, 7, 8));
    Npy.write(dir.resolve("c.npy"), HostArray.int64(new long[] {-1, 5, 9}, 3));
    assertArrayEquals(new long[] {65535, 1, 2}, TokenDataset.open(dir.resolve("a.npy")).read(0, 3));
    assertArrayEquals(new long[] {4_000_000_000L, 7}, TokenDataset.open(dir.resolve("b.npy")).read(0, 2));
    assertArrayEquals(new long[] {5, 9}, TokenDataset.open(dir.resolve("c.npy")).read(1, 2));
    Npy.write(dir.resolve("f.npy"), HostArray.float32(new float[] {1f}, 1));
    String msg = assertThrows(IllegalArgumentException.class, () -> TokenDataset.open(dir.resolve("f.npy"))).getMessage();
    assertTrue(msg.contains("token ids must be integers, got FLOAT32"), msg);
  }

  @Test
  void rawBinNeedsAndUsesItsDtype() throws IOException {
    Path bin = dir.resolve("tokens.bin");
    Files.write(bin, new byte[] {1, 0, 2, 1, (byte) 0xff, (byte) 0xff});
    TokenDataset d = TokenDataset.open(bin, FileDType.UINT16);
    assertEquals(3, d.size());
    assertArrayEquals(new long[] {1, 258, 65535}, d.read(0, 3));
    assertThrows(IllegalArgumentException.class, () -> TokenDataset.open(bin));
    String msg = assertThrows(IOException.class, () -> TokenDataset.open(bin, FileDType.UINT32)).getMessage();
    assertTrue(msg.contains("6 bytes is not a whole number of UINT32 tokens"), msg);
  }

  /** A sparse raw file of 2^31 + 8 uint16 tokens (4 GiB, almost no disk): windows past 2^31 read right. */
  @Test
  void filesOverTwoGigabytes() throws IOException {
    Path bin = dir.resolve("big.bin");
    long n = (1L << 31) + 8;
    try (RandomAccessFile f = new RandomAccessFile(bin.toFile(), "rw")) {
      f.setLength(n * 2);
      f.seek((n - 2) * 2);
      f.write(new byte[] {7, 0, 9, 0});
    }
    TokenDataset d = TokenDataset.open(bin, FileDType.UINT16);
    assertEquals(n, d.size());
    assertArrayEquals(new long[] {0, 7, 9}, d.read(n - 3, 3));
    Batches.Batch b = Batches.getBatch(d, 2, 4, new Rng(1));
    assertArrayEquals(new int[] {2, 4}, b.x().shape());
  }

  @Test
  void batchesAreShiftedWindows() {
    long[] tokens = new long[50];
    for (int i = 0; i < tokens.length; i++) tokens[i] = 1000 + i;
    Batches.Batch b = Batches.getBatch(TokenDataset.of(HostArray.int64(tokens, 50)), 4, 6, new Rng(3));
    long[] x = b.x().data().toLongArray(), y = b.y().data().toLongArray();
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(x[r * 6] + j, x[r * 6 + j]);
        assertEquals(x[r * 6 + j] + 1, y[r * 6 + j]);
      }
      assertTrue(x[r * 6] >= 1000 && x[r * 6] <= 1000 + 50 - 6 - 1);
    }
  }

  /**
   * Starts are uniform over [0, n - m - 1]: every start (both ends included) appears, and the counts
   * pass a chi-square test (15 degrees of freedom; 45 is beyond the 0.01% quantile).
   */
  @Test
  void startsAreUniformOverTheWholeRange() {
    int n = 20, m = 4, starts = n - m;
    long[] tokens = new long[n];
    for (int i = 0; i < n; i++) tokens[i] = i;
    TokenDataset d = TokenDataset.of(HostArray.int64(tokens, n));
    Rng rng = new Rng(42);
    int[] counts = new int[starts];
    int draws = 0;
    for (int k = 0; k < 400; k++) {
      long[] x = Batches.getBatch(d, 8, m, rng).x().data().toLongArray();
      for (int r = 0; r < 8; r++) {
        counts[(int) x[r * m]]++;
        draws++;
      }
    }
    double expected = (double) draws / starts, chi2 = 0;
    for (int c : counts) {
      assertTrue(c > 0);
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chi2 < 45, "chi-square " + chi2);
  }

  @Test
  void tooShortDatasetIsAClearError() {
    TokenDataset d = TokenDataset.of(HostArray.int64(new long[] {1, 2, 3}, 3));
    String msg = assertThrows(IllegalArgumentException.class, () -> Batches.getBatch(d, 1, 3, new Rng(1))).getMessage();
    assertTrue(msg.contains("too short for a window of 3 + 1 tokens"), msg);
  }
}
