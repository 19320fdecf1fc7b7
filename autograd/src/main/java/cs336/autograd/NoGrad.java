package cs336.autograd;

/**
 * A scope in which operations record no graph (evaluation, optimizer steps, KV-cache writes):
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *   logits = model.forward(ids);
 * }
 * }</pre>
 * Scopes nest; closing restores the mode that was in force when the scope was entered.
 */
public final class NoGrad implements AutoCloseable {
  private final boolean previous;
  private boolean closed;

  private NoGrad(boolean previous) {
    this.previous = previous;
  }

  /** Turns grad mode off for the current thread until {@link #close}. */
  public static NoGrad enter() {
    return new NoGrad(GradMode.set(false));
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    GradMode.set(previous);
  }
}
