package cs336.nn.optim;

import cs336.autograd.Tensor;
import cs336.nn.data.Batches;
import cs336.nn.layers.TransformerLM;

/**
 * One optimisation step of a language model (handout section 5.3): zero the gradient arena,
 * forward and mean cross-entropy of the next-token predictions ({@link TransformerLM#loss}), backward, global-norm clipping, set
 * the learning rate, AdamW. The training loop, the step benchmark and the tests all run this.
 *
 * <pre>{@code
 * TrainingStep step = new TrainingStep(model, new AdamW(model, AdamW.Config.defaults()), 1.0);
 * TrainingStep.Result r = step.run(Batches.getBatch(data, 32, 256, rng), schedule.at(it));
 * }</pre>
 */
public final class TrainingStep {
  /** The loss before the update and the gradient norm before clipping (NaN when clipping is off). */
  public record Result(float loss, double gradNorm) {}

  private final TransformerLM model;
  private final AdamW optimizer;
  private final double maxGradNorm;

  /** {@code maxGradNorm} <= 0 or infinite turns clipping off (and the norm is not measured). */
  public TrainingStep(TransformerLM model, AdamW optimizer, double maxGradNorm) {
    if (optimizer.arena() != model.arena()) throw new IllegalArgumentException("the optimizer does not update this model");
    this.model = model;
    this.optimizer = optimizer;
    this.maxGradNorm = maxGradNorm;
  }

  /** One step on {@code batch} at learning rate {@code lr}. */
  public Result run(Batches.Batch batch, double lr) {
    optimizer.zeroGrad();
    Tensor loss = model.loss(batch.x(), batch.y());
    loss.backward();
    // Read after backward is queued: on a GPU the read waits for the queue, and reading between
    // forward and backward would leave the device idle while the host queues the backward pass.
    float value = loss.item();
    boolean clip = maxGradNorm > 0 && Double.isFinite(maxGradNorm);
    double norm = clip ? GradClipping.clip(model.arena(), maxGradNorm) : Double.NaN;
    optimizer.setLr(lr);
    optimizer.step();
    return new Result(value, norm);
  }

  public TransformerLM model() {
    return model;
  }

  public AdamW optimizer() {
    return optimizer;
  }
}
