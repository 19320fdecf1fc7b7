/**
 * The CPU device: Java-array storage ({@link cs336.engine.cpu.CpuStorage}), the device object
 * that picks SIMD or scalar kernels ({@link cs336.engine.cpu.CpuDevice}), and what both kernel
 * sets share: strided loops ({@link cs336.engine.cpu.Loop}, {@link cs336.engine.cpu.Rows}),
 * the matmul and attention adapters onto the GEMM and flash-attention packages, and RoPE's table.
 * {@link cs336.engine.cpu.StandInDevice} is the CPU posing as another device, for testing device
 * code paths (what a GPU run does) where there is no GPU.
 */
package cs336.engine.cpu;
