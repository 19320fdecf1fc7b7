/**
 * The CUDA device: {@link cs336.engine.cuda.CudaDevice} implements the engine's {@code Device},
 * {@code Storage} and {@code Kernels} on one NVIDIA GPU through JCuda's driver API, with the
 * project's own CUDA C kernels ({@code cuda/src/main/cuda/*.cu}, shipped as PTX resources that the
 * driver compiles when the device opens; {@code scripts/build-ptx.sh} regenerates them).
 *
 * <p>How to get it: {@code Device.named("cuda")} (a {@link cs336.engine.DeviceProvider} service), so
 * nothing on the CPU path loads JCuda. Arrays move with {@code NDArray.to(device)}; everything else
 * runs unchanged: autograd and the model only call {@code Kernels}.
 *
 * <p>Layers: {@link cs336.engine.cuda.Driver} is the only class that calls JCuda;
 * {@link cs336.engine.cuda.CachingAllocator} (pure bookkeeping, tested without a GPU) reuses device
 * memory; {@link cs336.engine.cuda.KernelArgs}, {@link cs336.engine.cuda.CStruct} and
 * {@link cs336.engine.cuda.Strided} pack kernel arguments exactly as the C structs lay them out;
 * {@link cs336.engine.cuda.Kernel} lists every kernel with its argument signature, checked against
 * the PTX by a test and at the first launch; the {@code Cuda*} kernel classes mirror the CPU's
 * scalar kernel families.
 *
 * <p>Precision: FP32 by default (matmul on tensor cores with 3xTF32, FP32-accurate); BF16 matmul
 * inputs with FP32 accumulation as an option ({@link cs336.engine.cuda.Precision}). Storage is always
 * FP32, so master weights and optimizer state are FP32 in both modes.
 */
package cs336.engine.cuda;
