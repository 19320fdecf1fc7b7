package cs336.experiments.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cs336.autograd.Tensor;
import cs336.engine.AdamWStep;
import cs336.engine.DType;
import cs336.engine.Device;
import cs336.engine.NDArray;
import cs336.engine.io.FileDType;
import cs336.engine.io.HostArray;
import cs336.engine.io.Npz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The PyTorch conformance fixtures ({@code ../shared/conformance/fixtures}, see its PROTOCOL.md)
 * computed on a device: each {@code NAME.CASE.in.npz} is read, its function evaluated with autograd on
 * that device (backward of sum(output * grad_output) when the file has grad_output), and every array
 * of {@code NAME.CASE.expected.npz} compared with the tolerances of tolerances.json. The functions are
 * the handout's, composed from autograd ops ({@link HarnessLm} for the attention, block and LM);
 * run_get_batch and run_get_lr_cosine_schedule do no device work and are not run here.
 */
final class Conformance {
  private final Device device;
  private final Path dir;
  private final JsonNode tolerances;
  private final CheckLog log = new CheckLog("conformance");

  Conformance(Device device, Path dir) throws IOException {
    this.device = device;
    this.dir = dir;
    this.tolerances = new ObjectMapper().readTree(dir.resolve("tolerances.json").toFile());
  }

  /** The inputs of one case on the device; float32 arrays require gradients. */
  private final class Inputs {
    final Map<String, HostArray> raw;
    final Map<String, Tensor> tensors = new HashMap<>();

    Inputs(Map<String, HostArray> raw) {
      this.raw = raw;
    }

    Tensor t(String name) {
      Tensor t = opt(name);
      if (t == null) throw new IllegalArgumentException("input " + name + " is missing");
      return t;
    }

    Tensor opt(String name) {
      HostArray a = raw.get(name);
      if (a == null) return null;
      return tensors.computeIfAbsent(name, n -> {
        Tensor t = Tensor.of(a.toNDArray().to(device));
        return a.dtype() == FileDType.FLOAT32 ? t.requiresGrad(true) : t;
      });
    }

    long i(String name) {
      return raw.get(name).scalarLong();
    }

    float f(String name) {
      return (float) raw.get(name).scalarDouble();
    }

    /** The weights.* arrays, keyed by state-dict name. */
    Map<String, Tensor> weights() {
      Map<String, Tensor> w = new HashMap<>();
      for (String k : raw.keySet()) if (k.startsWith("weights.")) w.put(k.substring(8), t(k));
      return w;
    }
  }

  CheckLog run() throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".in.npz")).sorted().toList();
    }
    for (Path in : cases) {
      String file = in.getFileName().toString();
      String caseName = file.substring(0, file.length() - ".in.npz".length());
      String function = caseName.substring(0, caseName.indexOf('.'));
      if (function.equals("run_get_batch") || function.equals("run_get_lr_cosine_schedule")) continue;
      log.run(caseName, () -> runCase(caseName, function, in));
    }
    return log;
  }

  private void runCase(String caseName, String function, Path in) throws IOException {
    Inputs x = new Inputs(Npz.read(in));
    Map<String, HostArray> expected = Npz.read(dir.resolve(caseName + ".expected.npz"));
    JsonNode tol = tolerances.get(function);
    double rtol = tol.get("rtol").asDouble(), atol = tol.get("atol").asDouble();
    double gradRtol = tol.has("grad_rtol") ? tol.get("grad_rtol").asDouble() : rtol;
    double gradAtol = tol.has("grad_atol") ? tol.get("grad_atol").asDouble() : atol;
    Map<String, NDArray> actual = new LinkedHashMap<>();
    switch (function) {
      case "run_gradient_clipping" -> clip(x, actual);
      case "run_adamw" -> adamw(x, actual);
      default -> {
        Tensor out = evaluate(function, x);
        actual.put("output", out.data());
        if (x.raw.containsKey("grad_output")) {
          out.backward(x.raw.get("grad_output").toNDArray().to(device));
          for (Map.Entry<String, Tensor> e : x.tensors.entrySet()) {
            if (e.getValue().grad() != null) actual.put("grad." + e.getKey(), e.getValue().grad());
          }
        }
      }
    }
    for (Map.Entry<String, HostArray> e : expected.entrySet()) {
      String name = e.getKey();
      NDArray got = actual.get(name);
      if (got == null) {
        log.check(caseName + " " + name, false, "not computed");
        continue;
      }
      boolean grad = name.startsWith("grad.");
      log.compare(caseName + " " + name, e.getValue().toNDArray(), got, grad ? gradAtol : atol, grad ? gradRtol : rtol);
    }
  }

  private Tensor positions(int T) {
    long[] p = new long[T];
    for (int i = 0; i < T; i++) p[i] = i;
    return Tensor.of(NDArray.ofLongs(p).to(device));
  }

  /** [..., T, C] as [B, T, C] (leading dimensions flattened), and back. */
  private static Tensor as3d(Tensor x) {
    return x.reshape(-1, x.shape(-2), x.shape(-1));
  }

  private Tensor evaluate(String function, Inputs x) {
    return switch (function) {
      case "run_linear" -> HarnessLm.linear(x.t("in_features"), x.t("weights"));
      case "run_embedding" -> Tensor.embedding(x.t("weights"), x.t("token_ids"));
      case "run_silu" -> x.t("in_features").silu();
      case "run_rmsnorm" -> x.t("in_features").rmsNorm(x.t("weights"), x.f("eps"));
      case "run_softmax" -> x.t("in_features").softmax((int) x.i("dim"));
      case "run_swiglu" -> HarnessLm.linear(Tensor.swiglu(HarnessLm.linear(x.t("in_features"), x.t("w1_weight")),
          HarnessLm.linear(x.t("in_features"), x.t("w3_weight"))), x.t("w2_weight"));
      case "run_rope" -> x.t("in_query_or_key").rope(x.t("token_positions"), x.f("theta"));
      case "run_cross_entropy" -> x.t("inputs").crossEntropy(x.t("targets"));
      case "run_scaled_dot_product_attention" -> maskedAttention(x.t("Q"), x.t("K"), x.t("V"), x.opt("mask"));
      case "run_multihead_self_attention", "run_multihead_self_attention_with_rope" -> {
        Tensor in = x.t("in_features");
        boolean rope = function.endsWith("rope");
        Tensor pos = !rope ? null : x.opt("token_positions") != null
            ? x.opt("token_positions").reshape(-1) : positions(in.shape(-2));
        Tensor out = HarnessLm.attention(as3d(in), x.t("q_proj_weight"), x.t("k_proj_weight"), x.t("v_proj_weight"),
            x.t("o_proj_weight"), (int) x.i("num_heads"), pos, rope ? x.f("theta") : 0f);
        yield out.reshape(in.shape());
      }
      case "run_transformer_block" -> {
        Tensor in = x.t("in_features");
        yield HarnessLm.block(in, x.weights(), "", (int) x.i("num_heads"), positions(in.shape(1)), x.f("theta"));
      }
      case "run_transformer_lm" -> {
        HarnessLm.Config c = new HarnessLm.Config((int) x.i("vocab_size"), (int) x.i("context_length"),
            (int) x.i("d_model"), (int) x.i("num_layers"), (int) x.i("num_heads"), (int) x.i("d_ff"), x.f("rope_theta"));
        Tensor ids = x.t("in_indices");
        yield HarnessLm.forward(ids, x.weights(), c, positions(ids.shape(1)));
      }
      default -> throw new IllegalArgumentException("no harness function " + function);
    };
  }

  /** softmax(Q K^T / sqrt(d) masked to -inf where mask is false) V: the composite (any mask). */
  private Tensor maskedAttention(Tensor q, Tensor k, Tensor v, Tensor mask) {
    Tensor scores = q.matmul(k.transpose(-1, -2)).mul((float) (1 / Math.sqrt(q.shape(-1))));
    if (mask != null) {
      Tensor minusInf = Tensor.of(NDArray.zeros(device, DType.FLOAT32).fill(Float.NEGATIVE_INFINITY));
      scores = Tensor.where(mask, scores, minusInf);
    }
    return scores.softmax(-1).matmul(v);
  }

  /** Scales every gradient by max_l2_norm / (norm + 1e-6) when their joint L2 norm exceeds it. */
  private void clip(Inputs x, Map<String, NDArray> actual) {
    double max = x.raw.get("max_l2_norm").scalarDouble();
    List<NDArray> grads = new ArrayList<>();
    for (int i = 0; x.raw.containsKey("grads." + i); i++) grads.add(x.raw.get("grads." + i).toNDArray().to(device));
    double sq = 0;
    for (NDArray g : grads) sq += g.square().sum().item();
    double norm = Math.sqrt(sq);
    for (int i = 0; i < grads.size(); i++) {
      NDArray g = grads.get(i);
      if (norm > max) g.mulInPlace((float) (max / (norm + 1e-6)));
      actual.put("grads." + i, g);
    }
  }

  /** AdamW (Algorithm 1) for each step's gradient; the output stacks the parameter after each step. */
  private void adamw(Inputs x, Map<String, NDArray> actual) {
    NDArray p = x.raw.get("param").toNDArray().to(device).contiguous();
    NDArray grads = x.raw.get("grads").toNDArray().to(device);
    NDArray m = p.newZeros(p.shape()), v = p.newZeros(p.shape());
    int steps = grads.shape(0);
    int[] outShape = grads.shape();
    NDArray out = p.newZeros(outShape);
    for (int t = 1; t <= steps; t++) {
      AdamWStep step = new AdamWStep(x.f("lr"), x.f("beta1"), x.f("beta2"), x.f("eps"), x.f("weight_decay"), t);
      p.kernels().adamw(p, grads.select(0, t - 1).contiguous(), m, v, step);
      out.select(0, t - 1).copyFrom(p);
    }
    actual.put("output", out);
  }
}
