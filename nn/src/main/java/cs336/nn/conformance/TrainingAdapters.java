package cs336.nn.conformance;

import cs336.autograd.Tensor;
import cs336.engine.NDArray;
import cs336.engine.io.HostArray;
import cs336.nn.Parameter;
import cs336.nn.ParameterArena;
import cs336.nn.Rng;
import cs336.nn.data.Batches;
import cs336.nn.data.TokenDataset;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.CosineSchedule;
import cs336.nn.optim.GradClipping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The adapters of training (handout sections 4-5): clipping, schedule, AdamW, batches. */
final class TrainingAdapters {
  private TrainingAdapters() {}

  static void register() {
    Adapters.plain("run_gradient_clipping", TrainingAdapters::gradientClipping);
    Adapters.plain("run_get_lr_cosine_schedule", TrainingAdapters::schedule);
    Adapters.plain("run_adamw", TrainingAdapters::adamw);
    Adapters.plain("run_get_batch", TrainingAdapters::getBatch);
  }

  /** grads.0 .. grads.N-1 (the gradients of N parameters) clipped to global norm max_l2_norm. */
  private static Map<String, HostArray> gradientClipping(Inputs in) {
    double maxNorm = in.real("max_l2_norm");
    List<Tensor> params = new ArrayList<>();
    for (int i = 0; in.has("grads." + i); i++) {
      Tensor g = in.floats("grads." + i);
      Tensor p = Tensor.of(g.data().newZeros(g.shape())).requiresGrad(true);
      p.setGrad(g.data());
      params.add(p);
    }
    if (params.isEmpty()) throw new IllegalArgumentException("missing array 'grads.0' (the gradients to clip)");
    GradClipping.clip(params, maxNorm);
    Map<String, HostArray> out = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) out.put("grads." + i, HostArray.of(params.get(i).grad()));
    return out;
  }

  /** The learning rate at every iteration of 'it' (0-d or 1-d), float64 of its shape. */
  private static Map<String, HostArray> schedule(Inputs in) {
    HostArray it = in.raw("it");
    if (it.rank() > 1 || it.dtype().isFloat()) {
      throw new IllegalArgumentException("array 'it': expected int64, 0-d or 1-d, got " + Inputs.dtypeName(it.dtype()) + " "
          + Arrays.toString(it.shape()));
    }
    CosineSchedule s = new CosineSchedule(in.real("max_learning_rate"), in.real("min_learning_rate"),
        in.integer("warmup_iters"), in.integer("cosine_cycle_iters"));
    double[] lr = new double[(int) it.numel()];
    for (int i = 0; i < lr.length; i++) lr[i] = s.at(it.getLong(i));
    return Map.of("output", HostArray.float64(lr, it.shape()));
  }

  /** The parameter after each of grads.shape[0] AdamW steps with those gradients. */
  private static Map<String, HostArray> adamw(Inputs in) {
    Tensor param = in.floats("param");
    Tensor grads = in.floatsExact("grads", prepend(-1, param.shape()));
    AdamW.Config config = new AdamW.Config(in.real("lr"), in.real("beta1"), in.real("beta2"), in.real("eps"),
        in.real("weight_decay"));
    Parameter p = new Parameter(param.data().copy());
    ParameterArena arena = ParameterArena.pack(Map.of("param", p), in.device());
    AdamW opt = new AdamW(arena, config);
    int steps = grads.shape(0);
    NDArray out = grads.data().newZeros(grads.shape());
    for (int s = 0; s < steps; s++) {
      p.grad().copyFrom(grads.data().select(0, s));
      opt.step();
      out.select(0, s).copyFrom(p.data());
    }
    return Map.of("output", HostArray.of(out));
  }

  /** x and y, int64 [batch_size, context_length], from the 1-d dataset with sampler seed 'seed'. */
  private static Map<String, HostArray> getBatch(Inputs in) {
    HostArray data = in.raw("dataset");
    if (data.rank() != 1 || data.dtype().isFloat()) {
      throw new IllegalArgumentException("array 'dataset': expected 1-d int64 or uint16, got " + Inputs.dtypeName(data.dtype())
          + " " + Arrays.toString(data.shape()));
    }
    Batches.Batch b = Batches.getBatch(TokenDataset.of(data), in.size("batch_size"), in.size("context_length"),
        new Rng(in.integer("seed")), in.device());
    Map<String, HostArray> out = new LinkedHashMap<>();
    out.put("x", HostArray.of(b.x().data()));
    out.put("y", HostArray.of(b.y().data()));
    return out;
  }

  private static int[] prepend(int first, int[] shape) {
    int[] s = new int[shape.length + 1];
    s[0] = first;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return s;
  }
}
