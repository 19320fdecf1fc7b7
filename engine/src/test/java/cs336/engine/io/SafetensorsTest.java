package cs336.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.NDArray;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safetensors round trips, a file laid out by hand, and clear errors for malformed ones. */
class SafetensorsTest {
  @TempDir
  Path dir;

  /** A safetensors image with the given JSON header and data bytes. */
  static byte[] image(String json, byte[] data) {
    byte[] h = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    return b.putLong(h.length).put(h).put(data).array();
  }

  @Test
  void roundTripKeepsNamesOrderDtypesAndMetadata() throws IOException {
    Map<String, HostArray> t = new LinkedHashMap<>();
    t.put("token_embeddings.weight", HostArray.of(NDArray.arange(12).view(4, 3)));
    t.put("layers.0.ln1.weight", HostArray.float32(new float[] {1, 2, 3}, 3));
    t.put("step", HostArray.int64(new long[] {42}));
    t.put("mask", HostArray.bool(new boolean[] {true, false, true}, 3));
    t.put("ids", HostArray.uint16(new int[] {65535, 0}, 2));
    t.put("empty", HostArray.float32(new float[0], 0, 5));
    Path p = dir.resolve("model.safetensors");
    Safetensors.write(p, t, Map.of("format", "pt", "config", "{\"d_model\": 512}"));
    long headerLength = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
    Safetensors.Contents c = Safetensors.read(p);
    assertEquals("pt", c.metadata().get("format"));
    assertEquals("{\"d_model\": 512}", c.metadata().get("config"));
    assertEquals(t.keySet().stream().toList(), c.tensors().keySet().stream().toList());
    for (String k : t.keySet()) {
      assertEquals(t.get(k).dtype(), c.tensors().get(k).dtype(), k);
      assertArrayEquals(t.get(k).shape(), c.tensors().get(k).shape(), k);
      assertArrayEquals(t.get(k).segment().toArray(ValueLayout.JAVA_BYTE), c.tensors().get(k).segment().toArray(ValueLayout.JAVA_BYTE), k);
    }
    assertArrayEquals(NDArray.arange(12).toFloatArray(), c.tensors().get("token_embeddings.weight").toNDArray().toFloatArray());
  }

  @Test
  void readsAHandWrittenFileWithHalfPrecision() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3FC0).putShort((short) 0xC000);                 // bf16 1.5, -2
    data.putShort(Float.floatToFloat16(0.25f)).putShort(Float.floatToFloat16(-8f));
    String json = "{\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"h\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[4,8]}}";
    Path p = dir.resolve("half.safetensors");
    Files.write(p, image(json, data.array()));
    Safetensors.Contents c = Safetensors.read(p);
    assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("b").toNDArray().toFloatArray());
    assertArrayEquals(new float[] {0.25f, -8f}, c.tensors().get("h").toNDArray().toFloatArray());
  }

  @Test
  void malformedFilesNameTheFileTensorAndField() throws IOException {
    byte[] four = new byte[4];
    assertMessage("short", new byte[3], "too short");
    assertMessage("len", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1 << 20).array(), "header length");
    assertMessage("json", image("{not json", four), "not valid JSON");
    assertMessage("dtype", image("{\"x\":{\"shape\":[1],\"data_offsets\":[0,4]}}", four), "tensor 'x': field 'dtype'");
    assertMessage("f8", image("{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", four), "unsupported dtype");
    assertMessage("size", image("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", four), "needs 8");
    assertMessage("range", image("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", four), "outside");
    assertMessage("hole", image("{\"x\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,4]}}", four), "without holes");
    assertMessage("tail", image("{\"x\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", four), "belong to none");
  }

  private void assertMessage(String name, byte[] bytes, String fragment) throws IOException {
    Path p = dir.resolve(name + ".safetensors");
    Files.write(p, bytes);
    IOException e = assertThrows(IOException.class, () -> Safetensors.read(p));
    assertTrue(e.getMessage().contains(p.getFileName().toString()) && e.getMessage().contains(fragment), e.getMessage());
  }
}
