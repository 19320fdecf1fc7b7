package cs336.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.DType;
import cs336.engine.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy/.npz against files written byte by byte here, NumPy's own files, and malformed ones. */
class NpyNpzTest {
  @TempDir
  Path dir;

  /** A .npy image exactly as numpy.save lays it out (version 1.0, header padded to 64 bytes). */
  static byte[] npy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = (10 + dict.length() + 1 + 63) / 64 * 64;
    String header = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
    ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
    return b.array();
  }

  static byte[] le(float... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) b.putFloat(x);
    return b.array();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void readsHandWrittenNpyOfEveryDtype() throws IOException {
    HostArray f = Npy.read(file("f.npy", npy("<f4", "(2, 3)", le(1, 2, 3, 4, 5, 6.5f))));
    assertEquals(FileDType.FLOAT32, f.dtype());
    assertArrayEquals(new long[] {2, 3}, f.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, f.toNDArray().toFloatArray());

    ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25).putDouble(-3);
    HostArray f64 = Npy.read(file("d.npy", npy("<f8", "(2,)", d.array())));
    assertArrayEquals(new float[] {0.25f, -3}, f64.toNDArray().toFloatArray());

    ByteBuffer l = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
    HostArray scalar = Npy.read(file("l.npy", npy("<i8", "()", l.array())));
    assertEquals(0, scalar.rank());
    assertEquals(1L << 40, scalar.scalarLong());

    ByteBuffer i = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(9);
    NDArray ints = Npy.read(file("i.npy", npy("<i4", "(2,)", i.array()))).toNDArray();
    assertEquals(DType.INT64, ints.dtype());
    assertArrayEquals(new long[] {-7, 9}, ints.toLongArray());

    ByteBuffer u = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 65535).putShort((short) 3);
    assertArrayEquals(new long[] {65535, 3}, Npy.read(file("u.npy", npy("<u2", "(2,)", u.array()))).toNDArray().toLongArray());

    NDArray mask = Npy.read(file("b.npy", npy("|b1", "(1, 3)", new byte[] {1, 0, 1}))).toNDArray();
    assertEquals(DType.FLOAT32, mask.dtype());
    assertArrayEquals(new float[] {1, 0, 1}, mask.toFloatArray());
  }

  @Test
  void writesWhatNumpyWrites() throws IOException {
    HostArray a = HostArray.float32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Path p = dir.resolve("w.npy");
    Npy.write(p, a);
    assertArrayEquals(npy("<f4", "(2, 3)", le(1, 2, 3, 4, 5, 6)), Files.readAllBytes(p));
    Npy.write(p, HostArray.int64(new long[] {5}, 1));
    byte[] one = Files.readAllBytes(p);
    assertTrue(new String(one, 10, 60, StandardCharsets.US_ASCII).contains("'shape': (1,)"));
  }

  @Test
  void npzRoundTripsEveryDtypeInOrder() throws IOException {
    Map<String, HostArray> arrays = new LinkedHashMap<>();
    arrays.put("weights.layers.0.attn.q_proj.weight", HostArray.of(NDArray.arange(6).view(2, 3)));
    arrays.put("ids", HostArray.of(NDArray.ofLongs(new long[] {3, 1, 4})));
    arrays.put("eps", HostArray.scalar(1e-5));
    arrays.put("mask", HostArray.bool(new boolean[] {true, false}, 2));
    arrays.put("tokens", HostArray.uint16(new int[] {0, 65535, 7}, 3));
    arrays.put("n", HostArray.int32(new int[] {42}));
    Path p = dir.resolve("a.npz");
    Npz.write(p, arrays);
    Map<String, HostArray> back = Npz.read(p);
    assertEquals(arrays.keySet().stream().toList(), back.keySet().stream().toList());
    for (String k : arrays.keySet()) {
      assertEquals(arrays.get(k).dtype(), back.get(k).dtype(), k);
      assertArrayEquals(arrays.get(k).shape(), back.get(k).shape(), k);
      assertArrayEquals(arrays.get(k).segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
          back.get(k).segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), k);
    }
    assertEquals(1e-5, back.get("eps").scalarDouble());
    try (ZipFile zip = new ZipFile(p.toFile())) {
      assertEquals(ZipEntry.STORED, zip.getEntry("ids.npy").getMethod(), "numpy.savez stores entries uncompressed");
    }
  }

  @Test
  void readsDeflatedEntriesToo() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("x.npy"));
      zip.write(npy("<f4", "(2,)", le(7, 8)));
      zip.closeEntry();
    }
    Path p = file("c.npz", bytes.toByteArray());
    assertArrayEquals(new float[] {7, 8}, Npz.read(p).get("x").toNDArray().toFloatArray());
  }

  @Test
  void readsEveryConformanceFixture() throws IOException {
    Path fixtures = Path.of(System.getProperty("cs336.shared", "../shared"), "conformance", "fixtures");
    Assumptions.assumeTrue(Files.isDirectory(fixtures), "skipped: no conformance fixtures at " + fixtures);
    int files = 0;
    try (var list = Files.list(fixtures)) {
      for (Path p : list.filter(x -> x.toString().endsWith(".npz")).sorted().toList()) {
        Map<String, HostArray> arrays = Npz.read(p);
        assertTrue(!arrays.isEmpty(), p.toString());
        for (HostArray a : arrays.values()) a.toNDArray();
        files++;
      }
    }
    assertTrue(files >= 40, "fixture files read: " + files);
    Map<String, HostArray> sdpa = Npz.read(fixtures.resolve("run_scaled_dot_product_attention.case1.in.npz"));
    assertEquals(FileDType.BOOL, sdpa.get("mask").dtype());
    assertArrayEquals(new long[] {4, 12, 16}, sdpa.get("mask").shape());
    Map<String, HostArray> rope = Npz.read(fixtures.resolve("run_rope.case1.in.npz"));
    assertEquals(10000.0, rope.get("theta").scalarDouble());
    assertEquals(FileDType.INT64, rope.get("token_positions").dtype());
  }

  @Test
  void malformedFilesNameTheFileAndTheField() throws IOException {
    assertMessage(file("magic.npy", "hello world, not numpy".getBytes()), "not a .npy file");
    assertMessage(file("short.npy", java.util.Arrays.copyOf(npy("<f4", "(3,)", le(1, 2, 3)), 132)), "data holds");
    assertMessage(file("complex.npy", npy("<c8", "(1,)", new byte[8])), "'descr'");
    assertMessage(file("big.npy", npy(">f4", "(1,)", new byte[4])), "'descr'");
    byte[] img = npy("<f4", "(1,)", le(1));
    byte[] bad = new String(img, StandardCharsets.ISO_8859_1).replace("'fortran_order': False,", "'fortran_order': True, ")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertMessage(file("fortran.npy", bad), "fortran_order");
    byte[] noShape = new String(img, StandardCharsets.ISO_8859_1).replace("'shape': (1,), ", "               ")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertMessage(file("noshape.npy", noShape), "'shape' is missing");
    Path zip = file("broken.npz", "PK not really a zip".getBytes());
    IOException e = assertThrows(IOException.class, () -> Npz.read(zip));
    assertTrue(e.getMessage().contains("broken.npz"), e.getMessage());
  }

  private static void assertMessage(Path p, String fragment) {
    IOException e = assertThrows(IOException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().contains(p.getFileName().toString()) && e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void missingArraysAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Npz.require(Map.of("a", HostArray.scalar(1)), "weights", Path.of("in.npz")));
    assertTrue(e.getMessage().contains("'weights'") && e.getMessage().contains("in.npz"), e.getMessage());
  }
}
