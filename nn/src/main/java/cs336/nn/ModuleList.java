package cs336.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Modules indexed 0, 1, 2, ... (PyTorch's {@code nn.ModuleList}), so the LM's blocks get the
 * state-dict keys {@code layers.0.*}, {@code layers.1.*}, ...
 */
public final class ModuleList<M extends Module> extends Module {
  private final List<M> items = new ArrayList<>();

  /** Appends {@code m} under the next index. */
  public M add(M m) {
    child(Integer.toString(items.size()), m);
    items.add(m);
    return m;
  }

  public M get(int i) {
    return items.get(i);
  }

  public int size() {
    return items.size();
  }

  public List<M> items() {
    return Collections.unmodifiableList(items);
  }
}
