package cs336.bench.nn;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Tokens processed, which JMH reports as a rate (the {@code tokens} line): tokens per second. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TokenRate {
  public double tokens;

  @Setup(Level.Iteration)
  public void reset() {
    tokens = 0;
  }
}
