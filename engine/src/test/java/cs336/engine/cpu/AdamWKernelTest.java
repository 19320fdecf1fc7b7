package cs336.engine.cpu;

import cs336.engine.AdamWStep;
import cs336.engine.AllClose;
import cs336.engine.Kernels;
import cs336.engine.NDArray;
import cs336.engine.cpu.scalar.ScalarKernels;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AdamW kernel against the PyTorch reference of the handout's Algorithm 1 (the conformance
 * fixture run_adamw.case1: 20 steps on a [4, 3] parameter), on every CPU kernel set, and against
 * its composite twin built from elementwise primitives.
 */
class AdamWKernelTest {
  static Path resource(String name) throws Exception {
    return Path.of(AdamWKernelTest.class.getResource("/fixtures/" + name).toURI());
  }

  @Test
  void matchesTheConformanceFixture() throws Exception {
    Map<String, HostArray> in = Npz.read(resource("run_adamw.case1.in.npz"));
    NDArray expected = Npz.read(resource("run_adamw.case1.expected.npz")).get("output").toNDArray();
    for (Kernels k : new Kernels[] {ScalarKernels.INSTANCE, CpuDevice.defaultKernels()}) {
      NDArray param = in.get("param").toNDArray();
      NDArray grads = in.get("grads").toNDArray();
      NDArray m = NDArray.zeros(param.shape()), v = NDArray.zeros(param.shape());
      for (int t = 1; t <= grads.shape(0); t++) {
        AdamWStep step = new AdamWStep((float) in.get("lr").scalarDouble(), (float) in.get("beta1").scalarDouble(),
            (float) in.get("beta2").scalarDouble(), (float) in.get("eps").scalarDouble(),
            (float) in.get("weight_decay").scalarDouble(), t);
        k.adamw(param, grads.select(0, t - 1).contiguous(), m, v, step);
        AllClose.check(k.name() + " step " + t, expected.select(0, t - 1), param, 1e-5, 1e-4);
      }
    }
  }

  @Test
  void matchesItsCompositeTwin() {
    java.util.Random r = new java.util.Random(3);
    NDArray p = NDArray.randn(r, 1000), g = NDArray.randn(r, 1000);
    NDArray m = NDArray.randn(r, 1000).mul(0.1f), v = NDArray.rand(r, 1000).mul(0.1f);
    AdamWStep step = new AdamWStep(1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, 7);
    // composite: the five lines of Algorithm 1 with elementwise ops
    NDArray m2 = m.mul(step.beta1()).add(g.mul(1 - step.beta1()));
    NDArray v2 = v.mul(step.beta2()).add(g.square().mul(1 - step.beta2()));
    NDArray p2 = p.sub(m2.div(v2.sqrt().add(step.eps())).mul((float) step.alphaT()));
    p2 = p2.sub(p2.mul(step.lr() * step.weightDecay()));
    CpuDevice.defaultKernels().adamw(p, g, m, v, step);
    AllClose.check("param", p2, p, 1e-6, 1e-5);
    AllClose.check("m", m2, m, 1e-7, 1e-6);
    AllClose.check("v", v2, v, 1e-7, 1e-6);
  }
}
