package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.Device;
import org.junit.jupiter.api.Test;

/** Without a GPU, asking for the device fails with one readable line (and the CPU is unaffected). */
class NoGpuTest {
  @Test
  void deviceIsFoundByNameAndFailsCleanlyWithoutGpu() {
    try {
      Device d = Device.named("cuda");
      assertEquals("cuda:0", d.name());        // a GPU machine: it opened
    } catch (IllegalStateException e) {
      String m = e.getMessage();
      assertTrue(m.startsWith("no CUDA driver") || m.startsWith("no usable CUDA GPU") || m.startsWith("no CUDA GPU"), m);
      assertTrue(!m.contains("\n"), "one line: " + m);
    }
    assertEquals("cpu", Device.named("cpu").name());
  }
}
