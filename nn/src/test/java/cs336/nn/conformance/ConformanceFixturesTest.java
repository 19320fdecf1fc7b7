package cs336.nn.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cs336.engine.AllClose;
import cs336.engine.io.FileDType;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PyTorch conformance fixture (copied from ../shared/conformance/fixtures into test
 * resources) through {@link Adapters}, compared as check.py compares them: same array names,
 * shapes and dtypes, values within tolerances.json (grad.* arrays within grad_atol/grad_rtol).
 * get_batch is random and is checked by its invariants.
 */
class ConformanceFixturesTest {
  static Path dir() throws Exception {
    return Path.of(ConformanceFixturesTest.class.getResource("/fixtures/tolerances.json").toURI()).getParent();
  }

  static Stream<String> valueFixtures() throws Exception {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.npz"))
          .map(n -> n.substring(0, n.length() - ".expected.npz".length()))
          .filter(n -> !n.startsWith("run_get_batch")).sorted().toList().stream();
    }
  }

  @Test
  void everyAdapterHasAFixture() throws Exception {
    Set<String> covered = new HashSet<>();
    valueFixtures().forEach(n -> covered.add(n.substring(0, n.indexOf('.'))));
    covered.add("run_get_batch");
    assertEquals(Adapters.names().keySet(), covered);
  }

  @ParameterizedTest
  @MethodSource("valueFixtures")
  void matchesPyTorch(String fixture) throws Exception {
    String fn = fixture.substring(0, fixture.indexOf('.'));
    JsonNode tol = new ObjectMapper().readTree(dir().resolve("tolerances.json").toFile()).get(fn);
    Map<String, HostArray> out = Adapters.run(fn, Npz.read(dir().resolve(fixture + ".in.npz")));
    Map<String, HostArray> expected = Npz.read(dir().resolve(fixture + ".expected.npz"));
    for (Map.Entry<String, HostArray> e : expected.entrySet()) {
      String key = e.getKey();
      HostArray want = e.getValue(), got = out.get(key);
      assertTrue(got != null, () -> fixture + ": output lacks " + key + " (has " + out.keySet() + ")");
      assertArrayEquals(want.shape(), got.shape(), fixture + " " + key + " shape");
      assertEquals(want.dtype(), got.dtype(), fixture + " " + key + " dtype");
      boolean grad = key.startsWith("grad.");
      double rtol = tol.get(grad ? "grad_rtol" : "rtol").asDouble(), atol = tol.get(grad ? "grad_atol" : "atol").asDouble();
      if (want.dtype() == FileDType.FLOAT64) {
        for (long i = 0; i < want.numel(); i++) {
          double w = want.getDouble(i), g = got.getDouble(i);
          assertTrue(Math.abs(w - g) <= atol + rtol * Math.abs(w), fixture + " " + key + "[" + i + "]: " + g + " vs " + w);
        }
      } else {
        AllClose.check(fixture + " " + key, want.toNDArray(), got.toNDArray(), atol, rtol);
      }
    }
  }

  /** check.py's invariants over 8 seeds: contiguous windows, y = x shifted, starts spread over [0, n-m-1]. */
  @Test
  void getBatchInvariants() throws Exception {
    Map<String, HostArray> in = new LinkedHashMap<>(Npz.read(dir().resolve("run_get_batch.case1.in.npz")));
    long[] data = in.get("dataset").readLongs(0, (int) in.get("dataset").numel());
    int B = (int) in.get("batch_size").scalarLong(), m = (int) in.get("context_length").scalarLong();
    int P = data.length - m;
    Set<Long> starts = new HashSet<>();
    Set<List<Long>> batches = new HashSet<>();
    for (int k = 0; k < 8; k++) {
      in.put("seed", HostArray.int64(new long[] {7919L * k}));
      Map<String, HostArray> out = Adapters.run("run_get_batch", in);
      HostArray x = out.get("x"), y = out.get("y");
      assertEquals(FileDType.INT64, x.dtype());
      assertArrayEquals(new long[] {B, m}, x.shape());
      assertArrayEquals(new long[] {B, m}, y.shape());
      List<Long> rowStarts = new java.util.ArrayList<>();
      for (int b = 0; b < B; b++) {
        long s = x.getLong((long) b * m);
        int start = -1;
        for (int p = 0; p < P; p++) if (data[p] == s) start = p;       // dataset 0..99: values are positions
        assertTrue(start >= 0 && start <= P - 1, "start " + start);
        for (int j = 0; j < m; j++) {
          assertEquals(data[start + j], x.getLong((long) b * m + j));
          assertEquals(data[start + j + 1], y.getLong((long) b * m + j));
        }
        starts.add((long) start);
        rowStarts.add((long) start);
      }
      batches.add(rowStarts);
    }
    assertEquals(8, batches.size(), "every seed gives its own batch");
    assertTrue(starts.size() > 0.5 * P * (1 - Math.pow(1 - 1.0 / P, 8 * B)), "starts spread: " + starts.size());
  }
}
