package cs336.bpe.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTokenWriterTest {
  @TempDir Path tmp;

  static int[] random(int n, int vocab, long seed) {
    Random r = new Random(seed);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) ids[i] = r.nextInt(vocab);
    ids[n - 1] = vocab - 1;
    return ids;
  }

  Path write(String name, int[] ids, int vocab) throws Exception {
    Path p = tmp.resolve(name);
    try (NpyTokenWriter w = NpyTokenWriter.open(p, vocab)) {
      for (int off = 0; off < ids.length; off += 1000) w.write(ids, off, Math.min(1000, ids.length - off));
      assertEquals(vocab <= 65536 ? "<u2" : "<u4", w.dtype());
    }
    return p;
  }

  @Test
  void uint16WhenTheVocabularyFitsElseUint32() throws Exception {
    int[] small = random(700_001, 65536, 1);
    Path a = write("a.npy", small, 65536);
    assertEquals(128 + 2L * small.length, Files.size(a));
    assertArrayEquals(small, NpyTokens.readAll(a));
    int[] big = random(5000, 100_000, 2);
    Path b = write("b.npy", big, 100_000);
    assertEquals(128 + 4L * big.length, Files.size(b));
    assertArrayEquals(big, NpyTokens.readAll(b));
    assertEquals('u', NpyTokens.header(b).kind());
  }

  @Test
  void headerIsValidNpy() throws Exception {
    Path p = write("h.npy", new int[] {1, 2, 3}, 10);
    byte[] h = Files.readAllBytes(p);
    assertEquals((byte) 0x93, h[0]);
    assertEquals("NUMPY", new String(h, 1, 5, StandardCharsets.US_ASCII));
    int headerLen = (h[8] & 0xFF) | (h[9] & 0xFF) << 8;
    assertEquals(0, (10 + headerLen) % 64);
    String dict = new String(h, 10, headerLen, StandardCharsets.US_ASCII);
    assertTrue(dict.startsWith("{'descr': '<u2', 'fortran_order': False, 'shape': (3,), }"), dict);
    assertTrue(dict.endsWith("\n"));
  }

  @Test
  void emptyArrayAndOutOfRangeIds() throws Exception {
    Path p = write("e.npy", new int[] {0}, 5);
    assertEquals(1, NpyTokens.header(p).length());
    Path q = tmp.resolve("bad.npy");
    NpyTokenWriter w = NpyTokenWriter.open(q, 5);
    assertThrows(IllegalArgumentException.class, () -> w.write(new int[] {5}, 0, 1));
    w.abort();
    assertFalse(Files.exists(q));
    try (var files = Files.list(tmp)) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(), "temporary file left behind");
    }
  }

  @Test
  void readerRejectsWhatIsNotATokenArray() throws Exception {
    Path txt = tmp.resolve("x.npy");
    Files.writeString(txt, "hello");
    var e = assertThrows(IllegalArgumentException.class, () -> NpyTokens.readAll(txt));
    assertTrue(e.getMessage().startsWith(txt + ": not a .npy file"), e.getMessage());
    Path p = write("t.npy", new int[] {1, 2, 3, 4}, 10);
    byte[] b = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(b, b.length - 3));
    var t = assertThrows(IllegalArgumentException.class, () -> NpyTokens.readAll(p));
    assertTrue(t.getMessage().contains("truncated"), t.getMessage());
  }

  /** numpy.load(..., mmap_mode='r') reads what we write (skipped where Python with NumPy is absent). */
  @Test
  void numpyMapsTheFile() throws Exception {
    int[] ids = random(12345, 50257, 3);
    Path p = write("np.npy", ids, 50257);
    long sum = 0;
    for (int id : ids) sum += id;
    Process proc;
    try {
      proc = new ProcessBuilder("python3", "-c",
          "import sys, numpy as np; a = np.load(sys.argv[1], mmap_mode='r'); print(a.dtype, a.shape[0], int(a.sum()), int(a[-1]))",
          p.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "skipped: no python3 on this machine");
      return;
    }
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assumeTrue(!out.contains("No module named"), "skipped: python3 has no numpy");
    assertEquals(0, proc.exitValue(), out);
    assertEquals("uint16 12345 " + sum + " 50256", out);
  }
}
