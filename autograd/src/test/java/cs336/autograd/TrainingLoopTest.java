package cs336.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.AdamWStep;
import cs336.engine.NDArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pieces together, the way a model uses them: parameters and gradients as views of one arena
 * each, a small MLP with RMSNorm and SwiGLU, the fused cross-entropy, and the AdamW kernel over the
 * whole arena. A learnable task (the class is the argmax of a fixed projection) must be learned.
 */
class TrainingLoopTest {
  @Test
  void anMlpLearnsWithArenaParametersAndAdamW() {
    int dIn = 8, hidden = 16, classes = 4, batch = 64;
    int[][] shapes = {{hidden, dIn}, {hidden, dIn}, {classes, hidden}, {dIn}};
    int total = 0;
    for (int[] s : shapes) total += cs336.engine.Shapes.numel(s);
    NDArray params = NDArray.zeros(total), grads = NDArray.zeros(total), m = NDArray.zeros(total), v = NDArray.zeros(total);
    Random r = new Random(0);
    Tensor[] p = new Tensor[shapes.length];
    for (int i = 0, off = 0; i < shapes.length; i++) {
      int n = cs336.engine.Shapes.numel(shapes[i]);
      NDArray view = params.narrow(0, off, n).view(shapes[i]);
      view.copyFrom(i == 3 ? NDArray.ones(shapes[i]) : NDArray.randn(r, shapes[i]).mul(0.3f));
      p[i] = Tensor.of(view).requiresGrad(true);
      p[i].setGrad(grads.narrow(0, off, n).view(shapes[i]));
      off += n;
    }
    NDArray teacher = NDArray.randn(new Random(1), dIn, classes);
    float first = 0, last = 0;
    for (int step = 1; step <= 300; step++) {
      NDArray x = NDArray.randn(r, batch, dIn);
      Tensor targets = Tensor.of(x.matmul(teacher).argmax(1, false));
      Tensor h = Tensor.of(x).rmsNorm(p[3], 1e-5f);
      Tensor gate = Tensor.swiglu(h.matmul(p[0].transpose(0, 1)), h.matmul(p[1].transpose(0, 1)));
      Tensor loss = gate.matmul(p[2].transpose(0, 1)).crossEntropy(targets);
      grads.fill(0);
      loss.backward();
      params.kernels().adamw(params, grads, m, v, new AdamWStep(1e-2f, 0.9f, 0.99f, 1e-8f, 0.01f, step));
      if (step == 1) first = loss.item();
      last = loss.item();
    }
    assertTrue(last < 0.5f * first && last < 0.6f, "loss went from " + first + " to " + last);
  }
}
