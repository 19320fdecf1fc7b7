/**
 * The scalar reference kernels: the whole {@link cs336.engine.Kernels} interface as plain loops,
 * one class per family. The test oracle for every faster kernel, and the fallback when the Vector
 * API is not enabled.
 */
package cs336.engine.cpu.scalar;
