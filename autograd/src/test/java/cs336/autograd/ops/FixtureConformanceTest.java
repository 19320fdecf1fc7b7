package cs336.autograd.ops;

import cs336.autograd.Tensor;
import cs336.engine.AllClose;
import cs336.engine.NDArray;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused ops against the PyTorch conformance fixtures (copied from
 * ../shared/conformance/fixtures into test resources): outputs within rtol 1e-4 / atol 1e-5 and
 * gradients of sum(output * grad_output) within atol 1e-4, the protocol's tolerances.
 */
class FixtureConformanceTest {
  private static Map<String, HostArray> load(String name) throws Exception {
    return Npz.read(Path.of(FixtureConformanceTest.class.getResource("/fixtures/" + name).toURI()));
  }

  private static Tensor input(Map<String, HostArray> in, String name) {
    return Tensor.of(in.get(name).toNDArray()).requiresGrad(true);
  }

  /** Runs {@code f} on the case's inputs, backpropagates grad_output and compares with expected. */
  private static void run(String fixture, Function<Map<String, HostArray>, Tensor[]> inputs,
      Function<Tensor[], Tensor> f, String... gradNames) throws Exception {
    Map<String, HostArray> in = load(fixture + ".in.npz"), expected = load(fixture + ".expected.npz");
    Tensor[] t = inputs.apply(in);
    Tensor out = f.apply(t);
    AllClose.check(fixture + " output", expected.get("output").toNDArray(), out.data(), 1e-5, 1e-4);
    out.backward(in.get("grad_output").toNDArray());
    for (int i = 0; i < gradNames.length; i++) {
      NDArray want = expected.get("grad." + gradNames[i]).toNDArray();
      AllClose.check(fixture + " grad." + gradNames[i], want, t[i].grad(), 1e-4, 1e-4);
    }
  }

  @Test
  void rmsnorm() throws Exception {
    run("run_rmsnorm.case1", in -> new Tensor[] {input(in, "in_features"), input(in, "weights")},
        t -> t[0].rmsNorm(t[1], 1e-5f), "in_features", "weights");
  }

  @Test
  void silu() throws Exception {
    run("run_silu.case1", in -> new Tensor[] {input(in, "in_features")}, t -> t[0].silu(), "in_features");
  }

  @Test
  void softmaxPlainAndShifted() throws Exception {
    for (String c : new String[] {"run_softmax.case1", "run_softmax.shifted100"}) {
      run(c, in -> new Tensor[] {input(in, "in_features")}, t -> t[0].softmax(-1), "in_features");
    }
  }

  @Test
  void rope() throws Exception {
    Map<String, HostArray> in = load("run_rope.case1.in.npz");
    Tensor positions = Tensor.of(in.get("token_positions").toNDArray());
    float theta = (float) in.get("theta").scalarDouble();
    run("run_rope.case1", i -> new Tensor[] {input(i, "in_query_or_key")}, t -> t[0].rope(positions, theta),
        "in_query_or_key");
  }

  @Test
  void crossEntropy() throws Exception {
    Tensor targets = Tensor.of(load("run_cross_entropy.case1.in.npz").get("targets").toNDArray());
    run("run_cross_entropy.case1", in -> new Tensor[] {input(in, "inputs")}, t -> t[0].crossEntropy(targets), "inputs");
  }

  @Test
  void swigluFeedForward() throws Exception {
    run("run_swiglu.case1", in -> new Tensor[] {input(in, "in_features"), input(in, "w1_weight"),
        input(in, "w2_weight"), input(in, "w3_weight")}, t -> {
          Tensor a = t[0].matmul(t[1].transpose(0, 1)), b = t[0].matmul(t[3].transpose(0, 1));
          return Tensor.swiglu(a, b).matmul(t[2].transpose(0, 1));
        }, "in_features", "w1_weight", "w2_weight", "w3_weight");
  }
}
