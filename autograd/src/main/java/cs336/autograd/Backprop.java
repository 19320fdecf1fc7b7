package cs336.autograd;

import cs336.engine.NDArray;
import cs336.engine.Shapes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode backpropagation: order the graph so every tensor comes after its inputs, seed the
 * output's gradient, walk the order backwards calling each op's backward, and add each returned
 * gradient into its input's. Adding (never assigning) is what makes a tensor used twice receive the
 * sum of both contributions.
 */
final class Backprop {
  private Backprop() {}

  /**
   * Tensors reachable from {@code root} through ops, each after all of its inputs (a topological
   * order). Iterative depth-first search, so deep graphs cannot overflow the stack.
   */
  static List<Tensor> topologicalOrder(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Tensor> stack = new ArrayDeque<>();
    ArrayDeque<Integer> next = new ArrayDeque<>();     // which input of the top tensor to visit next
    stack.push(root);
    next.push(0);
    visited.add(root);
    while (!stack.isEmpty()) {
      Tensor t = stack.peek();
      int i = next.pop();
      Tensor[] inputs = t.gradFn() == null ? new Tensor[0] : t.gradFn().inputs();
      while (i < inputs.length && (inputs[i] == null || !inputs[i].requiresGrad() || visited.contains(inputs[i]))) i++;
      if (i < inputs.length) {
        next.push(i + 1);
        visited.add(inputs[i]);
        stack.push(inputs[i]);
        next.push(0);
      } else {
        stack.pop();
        order.add(t);                                  // all inputs are already in the order
      }
    }
    return order;
  }

  /** Runs the backward pass from {@code root} with output gradient {@code seed}. */
  static void run(Tensor root, NDArray seed, boolean retainGraph) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException("backward() on a tensor that does not require grad (no input had requiresGrad)");
    }
    if (!Arrays.equals(seed.shape(), root.shape())) {
      throw new IllegalArgumentException("gradient shape " + Shapes.str(seed.shape()) + " differs from the tensor's "
          + Shapes.str(root.shape()));
    }
    List<Tensor> order = topologicalOrder(root);
    Map<Tensor, NDArray> grads = new IdentityHashMap<>();
    grads.put(root, seed);
    for (int n = order.size() - 1; n >= 0; n--) {
      Tensor t = order.get(n);
      NDArray g = grads.remove(t);                     // the gradient is complete: all users came first
      if (g == null) continue;
      Op op = t.gradFn();
      if (op == null || t.retainsGrad()) t.accumulateGrad(g);
      if (op == null) continue;
      Tensor[] inputs = op.inputs();
      NDArray[] gin = op.runBackward(g);
      for (int i = 0; i < inputs.length; i++) {
        Tensor in = inputs[i];
        if (in == null || !in.requiresGrad() || gin[i] == null) continue;
        NDArray gi = gin[i].sumTo(in.shape());          // undo broadcasting: the one place it happens
        NDArray before = grads.get(in);
        grads.put(in, before == null ? gi : before.add(gi));
      }
      if (!retainGraph) op.free();
    }
  }
}
