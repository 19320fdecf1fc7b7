package cs336.engine.cpu.simd;

import cs336.engine.NDArray;
import cs336.engine.cpu.CpuDevice;

/** Run in a JVM without the Vector API by {@link SimdProbeTest}: prints the kernels it got and a result. */
public final class FallbackMain {
  private FallbackMain() {}

  public static void main(String[] args) {
    NDArray x = NDArray.of(new float[] {0, (float) Math.log(3)}, 1, 2).softmax(1);
    System.out.println(CpuDevice.CPU.kernels().name() + " " + x.get(0, 1));
  }
}
