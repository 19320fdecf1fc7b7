package cs336.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory-mapped .npy reads, including a file past 2 GB (sparse on disk, so the test is cheap). */
class MappedNpyTest {
  @TempDir
  Path dir;

  @Test
  void mapsSmallFilesLikeRead() throws IOException {
    Path p = dir.resolve("t.npy");
    Npy.write(p, HostArray.uint16(new int[] {5, 65000, 7}, 3));
    HostArray m = Npy.map(p);
    assertArrayEquals(new long[] {5, 65000, 7}, m.readLongs(0, 3));
    assertArrayEquals(Npy.read(p).toNDArray().toLongArray(), m.toNDArray().toLongArray());
  }

  @Test
  void mapsFilesLargerThanTwoGigabytes() throws IOException {
    long n = (1L << 30) + 12;                           // uint16 tokens: 2 GB + 24 bytes of data
    byte[] header = Npy.header(FileDType.UINT16, new long[] {n});
    Path p = dir.resolve("big.npy");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(header);
      f.setLength(header.length + 2 * n);              // sparse: the disk holds only what is written
      ByteBuffer last = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
      last.putShort((short) 11).putShort((short) 22).putShort((short) 60000);
      f.seek(header.length + 2 * (n - 3));
      f.write(last.array());
    }
    HostArray m = Npy.map(p);
    assertEquals(n, m.numel());
    assertArrayEquals(new long[] {0, 11, 22, 60000}, m.readLongs(n - 4, 4));
    assertEquals(0, m.getLong(1L << 29));
    Files.delete(p);
  }
}
