/**
 * CPU kernels of the engine. Sub-packages hold one kernel family each ({@code gemm},
 * {@code attention}); {@link cs336.engine.cpu.VectorSupport} is the one probe of the Vector API
 * that every SIMD kernel consults before it touches {@code jdk.incubator.vector}, so a JVM started
 * without {@code --add-modules=jdk.incubator.vector} runs the scalar twins instead of crashing.
 */
package cs336.engine.cpu;
