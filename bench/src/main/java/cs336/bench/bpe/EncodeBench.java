package cs336.bench.bpe;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import cs336.bpe.Tokenizer;
import java.util.Arrays;
import java.util.List;
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
 * GPT-2 encoding on one thread: our tokenizer (GPT-2's vocab.json and merges.txt) against jtokkit's
 * R50K_BASE (tiktoken's GPT-2 encoding) on the same text in the same run; the {@code bytes} counter
 * is UTF-8 bytes encoded per second. Setup checks that both give identical ids. {@code text} picks
 * 2 MB of web text or of TinyStories. {@code oursNoCache} shows what the pre-token cache is worth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBench {
  @Param({"web", "tinystories"})
  String text;

  String input;
  int bytes;
  Tokenizer ours;
  Tokenizer oursNoCache;
  Encoding jtokkit;


  @Setup(Level.Trial)
  public void setup() throws Exception {
    String file = text.equals("web") ? "data/web_en_valid.txt" : "data/tinystories_real_train.txt";
    // Special tokens aside (jtokkit's encodeOrdinary treats them as text): documents joined by blank lines.
    input = SharedText.headString(file, 2 << 20).replace("<|endoftext|>", "\n");
    bytes = input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    ours = Tokenizer.fromFiles(SharedText.file("cs336-fixtures/gpt2_vocab.json"),
        SharedText.file("cs336-fixtures/gpt2_merges.txt"), List.of("<|endoftext|>"));
    oursNoCache = ours.withoutCache();
    jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    int[] a = ours.encode(input);
    int[] b = jtokkit.encodeOrdinary(input).toArray();
    if (!Arrays.equals(a, oursNoCache.encode(input))) throw new IllegalStateException("the cache changed the ids");
    if (!Arrays.equals(a, b)) throw new IllegalStateException("our ids differ from jtokkit's on the benchmark text");
  }

  @Benchmark
  public int ours(ByteCounter counter) {
    counter.bytes += bytes;
    return ours.encode(input).length;
  }

  /** Without the pre-token cache: every pre-token goes through the merges. */
  @Benchmark
  public int oursNoCache(ByteCounter counter) {
    counter.bytes += bytes;
    return oursNoCache.encode(input).length;
  }

  @Benchmark
  public int jtokkit(ByteCounter counter) {
    counter.bytes += bytes;
    return jtokkit.encodeOrdinary(input).size();
  }
}
