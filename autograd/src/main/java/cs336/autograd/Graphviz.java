package cs336.autograd;

import cs336.engine.Shapes;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The autograd graph as GraphViz {@code dot} text, for teaching: one box per tensor (name or
 * shape), one ellipse per op, arrows in the direction data flows. Render with
 * {@code dot -Tsvg graph.dot > graph.svg}. Call it before backward() (or after backward(true)):
 * backward frees the graph.
 */
public final class Graphviz {
  private Graphviz() {}

  public static String dot(Tensor root) {
    List<Tensor> order = Backprop.topologicalOrder(root);
    Map<Tensor, String> ids = new IdentityHashMap<>();
    StringBuilder sb = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    for (Tensor t : order) {
      String id = "t" + ids.size();
      ids.put(t, id);
      String label = (t.name() != null ? t.name() + "\\n" : "") + Shapes.str(t.shape())
          + (t.numel() == 1 ? String.format(java.util.Locale.ROOT, "\\n%.4f", t.data().contiguous().toFloatArray()[0]) : "");
      sb.append("  ").append(id).append(" [shape=box, label=\"").append(label).append("\"")
          .append(t.isLeaf() ? ", style=filled, fillcolor=lightblue" : "").append("];\n");
    }
    int ops = 0;
    for (Tensor t : order) {
      Op op = t.gradFn();
      if (op == null) continue;
      String opId = "op" + ops++;
      sb.append("  ").append(opId).append(" [shape=ellipse, label=\"").append(op.name()).append("\"];\n");
      for (Tensor in : op.inputs()) {
        if (in != null && ids.containsKey(in)) sb.append("  ").append(ids.get(in)).append(" -> ").append(opId).append(";\n");
      }
      sb.append("  ").append(opId).append(" -> ").append(ids.get(t)).append(";\n");
    }
    return sb.append("}\n").toString();
  }
}
