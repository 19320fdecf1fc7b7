package cs336.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cs336.engine.NDArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stand-in computes exactly as the CPU, and refuses arrays that live anywhere else. */
class StandInDeviceTest {
  private final StandInDevice dev = new StandInDevice("stand-in");
  private final Random rng = new Random(3);

  @Test
  void computesTheCpusBitsOnItsOwnArrays() {
    NDArray a = NDArray.randn(rng, 5, 7), b = NDArray.randn(rng, 7, 3);
    NDArray onDev = a.to(dev).transpose(0, 1).contiguous().transpose(0, 1).matmul(b.to(dev)).softmax(-1);
    assertSame(dev, onDev.device());
    assertArrayEquals(a.matmul(b).softmax(-1).toFloatArray(), onDev.toFloatArray());
    NDArray ids = NDArray.ofLongs(new long[] {4, 0, 2}, 3).to(dev);
    assertArrayEquals(new long[] {4, 0, 2}, ids.toLongArray());
    assertSame(CpuDevice.CPU, onDev.to(CpuDevice.CPU).device());
  }

  @Test
  void anArrayLeftOnTheCpuIsAnError() {
    NDArray x = NDArray.randn(rng, 4).to(dev), cpu = NDArray.ones(4);
    String msg = assertThrows(IllegalArgumentException.class, () -> x.add(cpu)).getMessage();
    assertEquals("arrays on different devices: stand-in and cpu", msg);
    NDArray out = NDArray.zeros(4);
    msg = assertThrows(IllegalArgumentException.class, () -> dev.kernels().silu(x, out)).getMessage();
    assertEquals("silu out lives on cpu, not on stand-in (an array left behind on another device)", msg);
  }

  @Test
  void anotherStandInIsAnotherDevice() {
    StandInDevice other = new StandInDevice("other");
    NDArray x = NDArray.randn(rng, 3).to(other);
    String msg = assertThrows(IllegalArgumentException.class, () -> dev.kernels().fill(x, 1)).getMessage();
    assertEquals("fill dst lives on other, not on stand-in (an array left behind on another device)", msg);
  }
}
