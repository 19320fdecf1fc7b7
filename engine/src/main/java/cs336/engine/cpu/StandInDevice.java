package cs336.engine.cpu;

import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.Storage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU standing in for another device: arrays live in Java arrays and compute with the CPU's
 * kernels, but they belong to this device, not to {@link CpuDevice#CPU}. Code that runs correctly
 * on it keeps every array on the device it was handed (an array left on the CPU meets a device
 * array in some kernel call and fails with "arrays on different devices" or this class's message),
 * which is what a GPU run needs; so a GPU code path is tested where there is no GPU, with results
 * bit for bit equal to the CPU's.
 *
 * <pre>{@code
 * Device d = new StandInDevice("stand-in");
 * NDArray x = NDArray.randn(rng, 4, 8).to(d);    // a copy owned by d
 * x.add(NDArray.ones(4, 8));                      // throws: arrays on different devices
 * }</pre>
 */
public final class StandInDevice implements Device {
  private final String name;
  private final Kernels kernels = new StandInKernels(this);
  private final AtomicLong hostReads = new AtomicLong();

  /** A stand-in called {@code name} in messages (e.g. "stand-in"). */
  public StandInDevice(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kernels kernels() {
    return kernels;
  }

  @Override
  public Storage allocate(DType dtype, int size) {
    return new Held(CpuDevice.CPU.allocate(dtype, size));
  }

  /**
   * The CPU view of {@code a} (same memory, shape, strides and offset) for the CPU kernels; throws,
   * naming {@code role} (the kernel argument), when {@code a} does not belong to this device.
   */
  NDArray host(NDArray a, String role) {
    if (!(a.storage() instanceof Held h) || h.device() != this) {
      throw new IllegalArgumentException(role + " lives on " + a.device().name() + ", not on " + name
          + " (an array left behind on another device)");
    }
    return new NDArray(h.cpu, a.shape(), a.strides(), a.offset());
  }

  /**
   * How many times the host has read this device's memory (element reads and bulk reads, kernels
   * not counted). On a GPU each is a copy that waits for the queued kernels: a training step should
   * make only the few it needs (the loss, the gradient norm), and tests count them here.
   */
  public long hostReads() {
    return hostReads.get();
  }

  @Override
  public String toString() {
    return name + " (the CPU standing in)";
  }

  /** A CPU storage owned by the stand-in: every accessor forwards to it. */
  private final class Held implements Storage {
    final Storage cpu;

    Held(Storage cpu) {
      this.cpu = cpu;
    }

    @Override
    public Device device() {
      return StandInDevice.this;
    }

    @Override
    public DType dtype() {
      return cpu.dtype();
    }

    @Override
    public int size() {
      return cpu.size();
    }

    @Override
    public float getFloat(int index) {
      hostReads.incrementAndGet();
      return cpu.getFloat(index);
    }

    @Override
    public void setFloat(int index, float value) {
      cpu.setFloat(index, value);
    }

    @Override
    public long getLong(int index) {
      hostReads.incrementAndGet();
      return cpu.getLong(index);
    }

    @Override
    public void setLong(int index, long value) {
      cpu.setLong(index, value);
    }

    @Override
    public void readFloats(int index, float[] dst, int dstOffset, int count) {
      hostReads.incrementAndGet();
      cpu.readFloats(index, dst, dstOffset, count);
    }

    @Override
    public void writeFloats(int index, float[] src, int srcOffset, int count) {
      cpu.writeFloats(index, src, srcOffset, count);
    }

    @Override
    public void readLongs(int index, long[] dst, int dstOffset, int count) {
      hostReads.incrementAndGet();
      cpu.readLongs(index, dst, dstOffset, count);
    }

    @Override
    public void writeLongs(int index, long[] src, int srcOffset, int count) {
      cpu.writeLongs(index, src, srcOffset, count);
    }
  }
}
