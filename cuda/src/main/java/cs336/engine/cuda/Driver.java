package cs336.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import cs336.engine.cuda.CachingAllocator.OutOfDeviceMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * The CUDA driver API as the device needs it, and the only class that calls JCuda: one GPU, its
 * primary context, plain device allocations (no managed memory), synchronous copies at the edges,
 * PTX module loading and kernel launches, all on the default stream, so every operation runs in the
 * order it was issued. Addresses are plain {@code long}s.
 */
final class Driver implements CachingAllocator.DeviceMemory {
  /** A CUdeviceptr whose address Java can read (JCuda keeps it in a protected field). */
  private static final class DevicePointer extends CUdeviceptr {
    long address() {
      return getNativePointer();
    }
  }

  private final CUcontext context = new CUcontext();
  private final String name;
  private final int multiprocessors;
  private final int computeCapability;
  private final long totalMemory;
  private final int driverVersion;
  private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);

  private Driver(int ordinal) {
    check(cuInit(0), "cuInit");
    int[] count = {0};
    check(cuDeviceGetCount(count), "cuDeviceGetCount");
    if (count[0] <= ordinal) {
      throw new IllegalStateException("no CUDA GPU " + ordinal + " (the driver sees " + count[0] + ")");
    }
    CUdevice device = new CUdevice();
    check(cuDeviceGet(device, ordinal), "cuDeviceGet");
    check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    makeCurrent();
    byte[] nameBytes = new byte[256];
    check(cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
    int len = 0;
    while (len < nameBytes.length && nameBytes[len] != 0) len++;
    name = new String(nameBytes, 0, len, StandardCharsets.US_ASCII);
    multiprocessors = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    computeCapability = 10 * attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)
        + attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    long[] total = {0};
    check(cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
    totalMemory = total[0];
    int[] version = {0};
    check(cuDriverGetVersion(version), "cuDriverGetVersion");
    driverVersion = version[0];
  }

  /**
   * Opens GPU {@code ordinal}. Throws IllegalStateException with one line when JCuda's native
   * library or the driver (libcuda.so.1) cannot be loaded or there is no GPU.
   */
  static Driver open(int ordinal) {
    try {
      return new Driver(ordinal);
    } catch (LinkageError e) {
      throw new IllegalStateException("no CUDA driver: " + firstLine(e.getMessage())
          + " (the CUDA device needs an NVIDIA GPU with its driver, libcuda.so.1)", e);
    } catch (jcuda.CudaException e) {
      throw new IllegalStateException("no usable CUDA GPU: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] v = {0};
    check(cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute");
    return v[0];
  }

  /** Throws IllegalStateException naming the call and the driver's error for a non-zero result. */
  static void check(int result, String call) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new IllegalStateException("CUDA " + call + " failed: " + CUresult.stringFor(result));
    }
  }

  /** Makes the GPU's context current on the calling thread (once per thread). */
  void makeCurrent() {
    if (!current.get()) {
      check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
      current.set(true);
    }
  }

  String name() {
    return name;
  }

  int multiprocessors() {
    return multiprocessors;
  }

  /** 90 for an H100/H200. */
  int computeCapability() {
    return computeCapability;
  }

  long totalMemory() {
    return totalMemory;
  }

  /** 13000 for CUDA 13.0. */
  int driverVersion() {
    return driverVersion;
  }

  /** {free, total} device memory in bytes. */
  long[] memoryInfo() {
    makeCurrent();
    long[] free = {0}, total = {0};
    check(cuMemGetInfo(free, total), "cuMemGetInfo");
    return new long[] {free[0], total[0]};
  }

  // ---- memory ----

  @Override
  public long allocate(long bytes) throws OutOfDeviceMemory {
    makeCurrent();
    DevicePointer p = new DevicePointer();
    int r = cuMemAlloc(p, bytes);
    if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) throw new OutOfDeviceMemory("cuMemAlloc(" + bytes + ")");
    check(r, "cuMemAlloc(" + bytes + " bytes)");
    return p.address();
  }

  @Override
  public void free(long address) {
    makeCurrent();
    check(cuMemFree(at(address)), "cuMemFree");
  }

  /** A CUdeviceptr for a raw address (JCuda adds the byte offset to a null base). */
  private static CUdeviceptr at(long address) {
    return new CUdeviceptr().withByteOffset(address);
  }

  /** Sets {@code bytes} bytes at {@code address} to zero (queued in order with the kernels). */
  void zero(long address, long bytes) {
    if (bytes == 0) return;
    makeCurrent();
    check(cuMemsetD8Async(at(address), (byte) 0, bytes, null), "cuMemsetD8Async");
  }

  /** Host to device; waits until the host array may be reused. */
  void toDevice(long address, Object hostArray, long bytes) {
    if (bytes == 0) return;
    makeCurrent();
    check(cuMemcpyHtoD(at(address), hostPointer(hostArray), bytes), "cuMemcpyHtoD");
  }

  /** Device to host; waits for every kernel queued before it. */
  void toHost(Object hostArray, long address, long bytes) {
    if (bytes == 0) return;
    makeCurrent();
    check(cuMemcpyDtoH(hostPointer(hostArray), at(address), bytes), "cuMemcpyDtoH");
  }

  private static Pointer hostPointer(Object array) {
    return switch (array) {
      case float[] f -> Pointer.to(f);
      case long[] l -> Pointer.to(l);
      case int[] i -> Pointer.to(i);
      case byte[] b -> Pointer.to(b);
      default -> throw new IllegalArgumentException("not a primitive array: " + array.getClass());
    };
  }

  /** Waits for everything queued on the device. */
  void synchronize() {
    makeCurrent();
    check(cuCtxSynchronize(), "cuCtxSynchronize");
  }

  // ---- modules and launches ----

  /** Loads a PTX module (the driver compiles it for this GPU now). */
  CUmodule loadModule(String what, String ptx) {
    makeCurrent();
    byte[] text = (ptx + "\0").getBytes(StandardCharsets.US_ASCII);   // the driver reads a C string
    CUmodule module = new CUmodule();
    check(cuModuleLoadData(module, text), "cuModuleLoadData(" + what + ")");
    return module;
  }

  CUfunction function(CUmodule module, String entry) {
    CUfunction f = new CUfunction();
    check(cuModuleGetFunction(f, module, entry), "cuModuleGetFunction(" + entry + ")");
    return f;
  }

  /** Queues {@code f} on a grid of {@code grid[0..2]} blocks of {@code block} threads. */
  void launch(CUfunction f, String entry, int[] grid, int block, int sharedBytes, KernelArgs args) {
    makeCurrent();
    List<Object> values = args.values();
    NativePointerObject[] params = new NativePointerObject[values.size()];
    for (int i = 0; i < params.length; i++) params[i] = hostPointer(values.get(i));
    check(cuLaunchKernel(f, grid[0], grid[1], grid[2], block, 1, 1, sharedBytes, null, Pointer.to(params), null),
        "cuLaunchKernel(" + entry + ")");
  }
}
