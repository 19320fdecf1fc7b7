package cs336.engine;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.cpu.CpuDevice;
import org.junit.jupiter.api.Test;

class DeviceNamedTest {
  @Test
  void cpuByName() {
    assertSame(CpuDevice.CPU, Device.named("cpu"));
    assertSame(CpuDevice.CPU, Device.named(" CPU "));
  }

  @Test
  void unknownNameListsTheKnownDevices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.named("tpu"));
    assertTrue(e.getMessage().contains("unknown device 'tpu'") && e.getMessage().contains("cpu"), e.getMessage());
  }
}
