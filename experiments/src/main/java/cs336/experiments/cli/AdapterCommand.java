package cs336.experiments.cli;

import cs336.engine.Device;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import cs336.nn.conformance.Adapters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./cs336 adapter [--device cpu|cuda] NAME IN.npz OUT.npz}: runs one conformance adapter
 * ({@code ../shared/conformance/PROTOCOL.md}) on the arrays of IN.npz, on the CPU or the GPU, and
 * writes its results to OUT.npz (atomically). A missing, mistyped or misshapen array, an unreadable
 * file, or a device that cannot be opened (no GPU) ends with exit status 1 and one line on stderr.
 */
@Command(name = "adapter", mixinStandardHelpOptions = true,
    description = "Run one conformance adapter (PROTOCOL.md) on IN.npz and write OUT.npz.")
public final class AdapterCommand implements Callable<Integer> {

  @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
      description = "Where to compute: cpu or cuda (default: ${DEFAULT-VALUE}).")
  String device;

  @Parameters(index = "0", paramLabel = "NAME", description = "Adapter name, e.g. run_linear (see PROTOCOL.md).")
  String name;

  @Parameters(index = "1", paramLabel = "IN.npz", description = "Input arrays.")
  Path in;

  @Parameters(index = "2", paramLabel = "OUT.npz", description = "Where to write the output arrays.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(in)) throw new IllegalArgumentException(in + ": no such file");
    Map<String, HostArray> inputs = Npz.read(in);
    Npz.write(out, Adapters.run(name, inputs, Device.named(device)));
    return 0;
  }
}
