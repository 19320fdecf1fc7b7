package cs336.autograd;

/**
 * Whether new operations record the graph (per thread, like PyTorch's grad mode). Turn it off for a
 * scope with {@link NoGrad}.
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  static boolean set(boolean enabled) {
    boolean[] flag = ENABLED.get();
    boolean previous = flag[0];
    flag[0] = enabled;
    return previous;
  }
}
