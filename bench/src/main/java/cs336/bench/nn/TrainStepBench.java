package cs336.bench.nn;

import cs336.engine.Parallel;
import cs336.nn.Rng;
import cs336.nn.data.Batches;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import cs336.nn.optim.AdamW;
import cs336.nn.optim.TrainingStep;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step (forward, cross-entropy, backward, AdamW) of the handout's TinyStories
 * model (vocab 10,000, context 256, d_model 512, 4 layers, 16 heads, d_ff 1344) on random tokens.
 * The {@code tokens} counter is the rate in tokens per second (batch * 256 per step). Setup checks
 * that the first steps lower the loss on a repeated batch, so a broken step cannot be timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class TrainStepBench {
  @Param({"8", "32"})
  public int batch;

  @Param({"2"})
  public int threads;

  private TrainingStep step;
  private Batches.Batch data;

  @Setup(Level.Trial)
  public void setUp() {
    Parallel.setThreads(threads);
    TransformerConfig config = TransformerConfig.tinyStories();
    TransformerLM model = new TransformerLM(config, 0);
    step = new TrainingStep(model, new AdamW(model, new AdamW.Config(1e-3, 0.9, 0.95, 1e-8, 0.1)), 0);
    data = TrainStepMain.randomBatch(new Rng(1), batch, config.contextLength(), config.vocabSize());
    float first = step.run(data, 1e-3).loss(), second = step.run(data, 1e-3).loss();
    if (!(second < first)) throw new IllegalStateException("a step did not lower the loss: " + first + " -> " + second);
  }

  @Benchmark
  public float trainStep(TokenRate rate) {
    float loss = step.run(data, 1e-3).loss();
    rate.tokens += (double) batch * 256;
    return loss;
  }
}
