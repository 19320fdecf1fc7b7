package cs336.bench.nn;

import cs336.engine.Parallel;
import cs336.nn.generate.Decoding;
import cs336.nn.layers.TransformerConfig;
import cs336.nn.layers.TransformerLM;
import java.util.Arrays;
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
 * Greedy decoding of 192 tokens after a 64-token prompt with the TinyStories model (context 256,
 * so the window never slides), with the KV cache (one position per token) and without (the whole
 * sequence re-run for every token). The {@code tokens} counter is generated tokens per second.
 * Setup checks that both modes produce the same tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class GenerateBench {
  static final int PROMPT = 64, NEW = 192;

  @Param({"true", "false"})
  public boolean kvCache;

  @Param({"2"})
  public int threads;

  private TransformerLM model;
  private int[] prompt;

  @Setup(Level.Trial)
  public void setUp() {
    Parallel.setThreads(threads);
    model = new TransformerLM(TransformerConfig.tinyStories(), 0);
    prompt = new int[PROMPT];
    for (int i = 0; i < PROMPT; i++) prompt[i] = (i * 37) % 10_000;
    int[] cached = Decoding.generate(model, prompt, new Decoding.Options(16, 0f, 1f, -1, 0, true), t -> { });
    int[] rerun = Decoding.generate(model, prompt, new Decoding.Options(16, 0f, 1f, -1, 0, false), t -> { });
    if (!Arrays.equals(cached, rerun)) throw new IllegalStateException("KV-cache decoding differs from re-running");
  }

  @Benchmark
  public int[] generate(TokenRate rate) {
    int[] out = Decoding.generate(model, prompt, new Decoding.Options(NEW, 0f, 1f, -1, 0, kvCache), t -> { });
    rate.tokens += out.length;
    return out;
  }
}
