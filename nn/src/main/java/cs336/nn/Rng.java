package cs336.nn;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose whole state is one {@code long} (Steele, Lea and Flood's
 * SplitMix64), so a checkpoint can save it and a resumed run draws exactly the numbers an
 * uninterrupted run would have drawn. {@link java.util.Random} hides its state; this one exposes it
 * with {@link #state()} and {@link #setState(long)}.
 *
 * <p>It implements {@link RandomGenerator}, so {@code nextLong(bound)} (uniform, by rejection),
 * {@code nextFloat()}, {@code nextGaussian()} and the rest come with it. Used for parameter
 * initialisation, batch sampling and decoding.
 */
public final class Rng implements RandomGenerator {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /** The 64 bits of state: {@code new Rng(0).setState(s)} continues exactly where this one is. */
  public long state() {
    return state;
  }

  public void setState(long s) {
    state = s;
  }

  /** Advances the state by the golden-ratio increment and scrambles it (SplitMix64's mixer). */
  @Override
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
