package cs336.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.io.HostArray;
import cs336.engine.io.Safetensors;
import cs336.nn.layers.TransformerLM;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights under the reference keys, to and from safetensors. */
class WeightsTest {
  @TempDir Path dir;

  @Test
  void roundTripUnderTheReferenceKeys() throws IOException {
    TransformerLM a = new TransformerLM(CheckpointTest.CONFIG, 1), b = new TransformerLM(CheckpointTest.CONFIG, 2);
    Path file = dir.resolve("w.safetensors");
    Weights.save(file, a, Map.of("source", "test"));
    Safetensors.Contents c = Safetensors.read(file);
    assertEquals(new ArrayList<>(a.stateDict().keySet()), new ArrayList<>(c.tensors().keySet()));
    assertEquals("F32", c.tensors().get("ln_final.weight").dtype().safetensors());
    Weights.load(file, b);
    assertArrayEquals(a.arena().params().toFloatArray(), b.arena().params().toFloatArray());
  }

  /** A file PyTorch wrote in half precision loads, converted to float32. */
  @Test
  void halfPrecisionIsConverted() throws IOException {
    TransformerLM a = new TransformerLM(CheckpointTest.CONFIG, 1);
    Map<String, HostArray> half = new LinkedHashMap<>();
    a.stateDict().forEach((k, v) -> {
      float[] f = v.toFloatArray();
      MemorySegment m = MemorySegment.ofArray(new byte[f.length * 2]);
      for (int i = 0; i < f.length; i++) {
        m.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, Float.floatToFloat16(f[i]));
      }
      half.put(k, new HostArray(cs336.engine.io.FileDType.FLOAT16,
          java.util.Arrays.stream(v.shape()).asLongStream().toArray(), m));
    });
    Path file = dir.resolve("half.safetensors");
    Safetensors.write(file, half, null);
    TransformerLM b = new TransformerLM(CheckpointTest.CONFIG, 2);
    Weights.load(file, b);
    assertArrayEquals(a.arena().params().toFloatArray(), b.arena().params().toFloatArray(), 2e-3f);
  }

  @Test
  void mismatchListsEveryProblem() throws IOException {
    Map<String, HostArray> wrong = new LinkedHashMap<>();
    wrong.put("token_embeddings.weight", HostArray.float32(new float[6], 2, 3));
    wrong.put("bogus", HostArray.int64(new long[1], 1));
    Path file = dir.resolve("wrong.safetensors");
    Safetensors.write(file, wrong, null);
    TransformerLM b = new TransformerLM(CheckpointTest.CONFIG, 2);
    String msg = assertThrows(IllegalArgumentException.class, () -> Weights.load(file, b)).getMessage();
    assertTrue(msg.contains("missing [layers.0.attn.k_proj.weight,"), msg);
    assertTrue(msg.contains("unexpected [bogus]"), msg);
    assertTrue(msg.contains("token_embeddings.weight has shape [2, 3], expected [13, 16]"), msg);
  }
}
