/**
 * JMH benchmarks of the hot paths. Each benchmark checks its kernel against the scalar reference
 * before timing it. Run them with {@code bench/jmh} (see the README).
 */
package cs336.bench;
