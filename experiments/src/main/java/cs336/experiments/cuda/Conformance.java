package cs336.experiments.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cs336.engine.Device;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import cs336.nn.conformance.Adapters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The PyTorch conformance fixtures ({@code ../shared/conformance/fixtures}, see its PROTOCOL.md)
 * computed on a device by the nn module's adapters ({@link Adapters#run(String, Map, Device)}, what
 * {@code ./cs336 adapter --device cuda} runs): every array of {@code NAME.CASE.expected.npz} is
 * compared with the tolerances of tolerances.json (grad.* with grad_atol / grad_rtol), dtypes and
 * shapes exactly. get_batch is random: it is checked to draw on the device exactly the batch the CPU
 * draws with the same seed (its invariants are the nn module's tests).
 */
final class Conformance {
  private final Device device;
  private final Path dir;
  private final JsonNode tolerances;
  private final CheckLog log = new CheckLog("conformance");

  Conformance(Device device, Path dir) throws IOException {
    this.device = device;
    this.dir = dir;
    this.tolerances = new ObjectMapper().readTree(dir.resolve("tolerances.json").toFile());
  }

  CheckLog run() throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".in.npz")).sorted().toList();
    }
    for (Path in : cases) {
      String file = in.getFileName().toString();
      String caseName = file.substring(0, file.length() - ".in.npz".length());
      log.run(caseName, () -> runCase(caseName, caseName.substring(0, caseName.indexOf('.')), in));
    }
    return log;
  }

  private void runCase(String caseName, String function, Path in) throws IOException {
    Map<String, HostArray> inputs = Npz.read(in);
    Map<String, HostArray> actual = Adapters.run(function, inputs, device);
    if (function.equals("run_get_batch")) {
      Map<String, HostArray> cpu = Adapters.run(function, inputs, CpuDevice.CPU);
      for (Map.Entry<String, HostArray> e : cpu.entrySet()) {
        log.compare(caseName + " " + e.getKey() + " (the CPU's batch)", e.getValue(), actual.get(e.getKey()), 0, 0);
      }
      return;
    }
    JsonNode tol = tolerances.get(function);
    if (tol == null) throw new IllegalArgumentException("tolerances.json has no entry for " + function);
    double rtol = tol.get("rtol").asDouble(), atol = tol.get("atol").asDouble();
    double gradRtol = tol.has("grad_rtol") ? tol.get("grad_rtol").asDouble() : rtol;
    double gradAtol = tol.has("grad_atol") ? tol.get("grad_atol").asDouble() : atol;
    for (Map.Entry<String, HostArray> e : Npz.read(dir.resolve(caseName + ".expected.npz")).entrySet()) {
      String name = e.getKey();
      boolean grad = name.startsWith("grad.");
      log.compare(caseName + " " + name, e.getValue(), actual.get(name), grad ? gradAtol : atol, grad ? gradRtol : rtol);
    }
  }
}
