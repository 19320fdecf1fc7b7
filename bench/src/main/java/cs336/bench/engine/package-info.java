/**
 * JMH benchmarks of the engine's memory-bound kernels, each measured beside one
 * {@code System.arraycopy} of the same number of bytes in the same run (the speed of memory on
 * this machine) and validated against the scalar reference kernel before timing.
 */
package cs336.bench.engine;
