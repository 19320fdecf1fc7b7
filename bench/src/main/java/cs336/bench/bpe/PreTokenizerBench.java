package cs336.bench.bpe;

import cs336.bpe.pretokenize.PreTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GPT-2 pre-tokenizer over 4 MB of real web text: our hand-written scanner against
 * java.util.regex running the same pattern (the baseline), in MB/s: the {@code bytes} counter is
 * bytes per second. Setup checks that both give the same pre-tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PreTokenizerBench {
  byte[] bytes;
  String text;
  Pattern regex;


  @Setup(Level.Trial)
  public void setup() throws Exception {
    bytes = SharedText.head("data/web_en_20M.txt", 4 << 20);
    text = new String(bytes, StandardCharsets.UTF_8);
    regex = PreTokenizer.regex();
    List<String> want = new ArrayList<>();
    Matcher m = regex.matcher(text);
    while (m.find()) want.add(m.group());
    List<String> got = new ArrayList<>();
    PreTokenizer.split(bytes, 0, bytes.length, (b, s, e) -> got.add(new String(b, s, e - s, StandardCharsets.UTF_8)));
    if (!want.equals(got)) throw new IllegalStateException("scanner and regex disagree on the benchmark text");
  }

  @Benchmark
  public long scanner(ByteCounter counter) {
    long[] n = {0};
    PreTokenizer.split(bytes, 0, bytes.length, (b, s, e) -> n[0] += e);
    counter.bytes += bytes.length;
    return n[0];
  }

  @Benchmark
  public long regexBaseline(ByteCounter counter) {
    long n = 0;
    Matcher m = regex.matcher(text);
    while (m.find()) n += m.end();
    counter.bytes += bytes.length; // the same text, as UTF-8 bytes, for the same MB/s scale
    return n;
  }
}
