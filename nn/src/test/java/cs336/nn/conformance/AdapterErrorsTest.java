package cs336.nn.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad inputs end in one message naming the array and what was expected. */
class AdapterErrorsTest {
  private static Map<String, HostArray> linearCase() throws Exception {
    return new LinkedHashMap<>(Npz.read(ConformanceFixturesTest.dir().resolve("run_linear.case1.in.npz")));
  }

  private static String error(String adapter, Map<String, HostArray> in) {
    return assertThrows(IllegalArgumentException.class, () -> Adapters.run(adapter, in)).getMessage();
  }

  @Test
  void missingArrayIsNamedWithWhatTheFileHolds() throws Exception {
    Map<String, HostArray> in = linearCase();
    in.remove("weights");
    assertEquals("missing array 'weights' (the file holds [d_in, d_out, grad_output, in_features])", error("run_linear", in));
  }

  @Test
  void wrongDtypeNamesExpectedAndActual() throws Exception {
    Map<String, HostArray> in = linearCase();
    in.put("weights", HostArray.float64(new double[128 * 64], 128, 64));
    assertEquals("array 'weights': expected float32 [128, 64], got float64", error("run_linear", in));
    in = linearCase();
    in.put("in_features", HostArray.int64(new long[4 * 64], 4, 64));
    assertEquals("array 'in_features': expected float32 [..., 64], got int64 [4, 64]", error("run_linear", in));
  }

  @Test
  void wrongShapeNamesExpectedAndActual() throws Exception {
    Map<String, HostArray> in = linearCase();
    in.put("in_features", HostArray.float32(new float[4 * 3], 4, 3));
    assertEquals("array 'in_features': expected float32 [..., 64], got shape [4, 3]", error("run_linear", in));
    in = linearCase();
    in.put("grad_output", HostArray.float32(new float[4 * 12 * 5], 4, 12, 5));
    assertEquals("array 'grad_output': expected float32 [4, 12, 128], got shape [4, 12, 5]", error("run_linear", in));
  }

  @Test
  void scalarsMustBeScalarsOfTheRightKind() throws Exception {
    Map<String, HostArray> in = linearCase();
    in.put("d_in", HostArray.scalar(64.5));
    assertEquals("array 'd_in': expected an integer, got 64.5", error("run_linear", in));
    in.put("d_in", HostArray.int64(new long[] {64, 64}, 2));
    assertEquals("array 'd_in': expected a 0-d scalar, got shape [2]", error("run_linear", in));
  }

  @Test
  void moduleWeightsMustMatchTheModelKeys() throws Exception {
    Map<String, HostArray> in = new LinkedHashMap<>(
        Npz.read(ConformanceFixturesTest.dir().resolve("run_transformer_block.case1.in.npz")));
    in.put("weights.attn.q_proj.weigth", in.remove("weights.attn.q_proj.weight"));
    String msg = error("run_transformer_block", in);
    assertEquals(true, msg.startsWith("arrays [weights.attn.q_proj.weigth] match no parameter of the model"), msg);
    in.remove("weights.attn.q_proj.weigth");
    assertEquals(true, error("run_transformer_block", in).startsWith("missing array 'weights.attn.q_proj.weight'"));
  }

  @Test
  void maskMustBeBoolAndIdsIntegers() throws Exception {
    Map<String, HostArray> in = new LinkedHashMap<>(
        Npz.read(ConformanceFixturesTest.dir().resolve("run_scaled_dot_product_attention.case1.in.npz")));
    in.put("mask", HostArray.float32(new float[4 * 12 * 16], 4, 12, 16));
    assertEquals("array 'mask': expected a bool mask, got float32 [4, 12, 16]", error("run_scaled_dot_product_attention", in));
    Map<String, HostArray> ce = new LinkedHashMap<>(Npz.read(ConformanceFixturesTest.dir().resolve("run_cross_entropy.case1.in.npz")));
    ce.put("targets", HostArray.float32(new float[8], 8));
    assertEquals("array 'targets': expected int64 ids, got float32 [8]", error("run_cross_entropy", ce));
  }

  @Test
  void idsOutsideTheirRangeAreNamed() throws Exception {
    Map<String, HostArray> lm = new LinkedHashMap<>(
        Npz.read(ConformanceFixturesTest.dir().resolve("run_transformer_lm.case1.in.npz")));
    long[] ids = new long[4 * 12];
    ids[7] = 1000;
    lm.put("in_indices", HostArray.int64(ids, 4, 12));
    assertEquals("array 'in_indices': value 1000 at index 7 lies outside [0, 1000) (vocab_size)",
        error("run_transformer_lm", lm));
    lm.put("in_indices", HostArray.int64(new long[17], 1, 17));
    assertEquals("array 'in_indices': sequence length 17 exceeds context_length 16", error("run_transformer_lm", lm));
    Map<String, HostArray> rope = new LinkedHashMap<>(Npz.read(ConformanceFixturesTest.dir().resolve("run_rope.case1.in.npz")));
    rope.put("token_positions", HostArray.int64(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12}, 12));
    assertEquals("array 'token_positions': value 12 at index 11 lies outside [0, 12) (max_seq_len)", error("run_rope", rope));
  }

  @Test
  void unknownAdapterListsTheKnownOnes() {
    String msg = error("run_nothing", Map.of());
    assertEquals(true, msg.startsWith("unknown adapter 'run_nothing'; known: [run_adamw,"), msg);
  }
}
