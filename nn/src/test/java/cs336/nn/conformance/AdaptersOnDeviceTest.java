package cs336.nn.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cs336.engine.Device;
import cs336.engine.cpu.CpuDevice;
import cs336.engine.cpu.StandInDevice;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device path of the adapters gives the plain (CPU) path's results bit for bit on every
 * fixture: on the CPU itself, and on a {@link StandInDevice} (the CPU's kernels under another
 * device's identity), where an input, parameter or temporary left on the CPU would meet a device
 * array and fail, as it would on a GPU.
 */
class AdaptersOnDeviceTest {
  static Stream<String> fixtures() throws Exception {
    try (Stream<Path> files = Files.list(ConformanceFixturesTest.dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".in.npz"))
          .map(n -> n.substring(0, n.length() - ".in.npz".length())).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void devicePathEqualsPlainPath(String fixture) throws Exception {
    String fn = fixture.substring(0, fixture.indexOf('.'));
    Map<String, HostArray> in = Npz.read(ConformanceFixturesTest.dir().resolve(fixture + ".in.npz"));
    Map<String, HostArray> plain = Adapters.run(fn, in);
    for (Device d : new Device[] {CpuDevice.CPU, new StandInDevice("stand-in")}) {
      Map<String, HostArray> onDevice = Adapters.run(fn, in, d);
      assertEquals(plain.keySet(), onDevice.keySet(), fixture + " on " + d.name());
      for (Map.Entry<String, HostArray> e : plain.entrySet()) {
        HostArray want = e.getValue(), got = onDevice.get(e.getKey());
        String what = fixture + " " + e.getKey() + " on " + d.name();
        assertEquals(want.dtype(), got.dtype(), what);
        assertArrayEquals(want.shape(), got.shape(), what);
        assertEquals(-1, want.segment().mismatch(got.segment()), what + ": differs at byte");
      }
    }
  }
}
