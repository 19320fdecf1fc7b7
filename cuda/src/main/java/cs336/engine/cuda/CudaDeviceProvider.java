package cs336.engine.cuda;

import cs336.engine.Device;
import cs336.engine.DeviceProvider;

/** Makes {@code Device.named("cuda")} find {@link CudaDevice} (registered in META-INF/services). */
public final class CudaDeviceProvider implements DeviceProvider {
  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public Device open() {
    return CudaDevice.open();
  }
}
