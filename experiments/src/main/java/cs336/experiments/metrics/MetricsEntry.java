package cs336.experiments.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code metrics.jsonl}: the numbers of one logged training step.
 *
 * @param step optimizer steps taken so far (e.g. 200)
 * @param tokens training tokens seen so far (steps times batch size times context length)
 * @param seconds wall-clock seconds since the run started
 * @param trainLoss mean cross-entropy of the training batches since the previous line (nats)
 * @param valLoss mean cross-entropy on the fixed validation batches, or null when not measured at this step
 * @param lr the learning rate used by this step
 * @param gradNorm global L2 norm of the gradients before clipping
 * @param tokensPerS training throughput since the previous line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"step", "tokens", "seconds", "train_loss", "val_loss", "lr", "grad_norm", "tokens_per_s"})
public record MetricsEntry(
    @JsonProperty(value = "step", required = true) long step,
    @JsonProperty(value = "tokens", required = true) long tokens,
    @JsonProperty(value = "seconds", required = true) double seconds,
    @JsonProperty(value = "train_loss", required = true) double trainLoss,
    @JsonProperty("val_loss") Double valLoss,
    @JsonProperty(value = "lr", required = true) double lr,
    @JsonProperty(value = "grad_norm", required = true) double gradNorm,
    @JsonProperty(value = "tokens_per_s", required = true) double tokensPerS) {

  public MetricsEntry {
    if (step < 0 || tokens < 0) {
      throw new IllegalArgumentException("step and tokens must be >= 0, got step " + step + ", tokens " + tokens);
    }
  }

  /** True when this step measured the validation loss. */
  public boolean hasValLoss() {
    return valLoss != null;
  }
}
