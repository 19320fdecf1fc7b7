package cs336.bench.bpe;

import cs336.bpe.BpeTrainer;
import cs336.bpe.io.ByteUnicode;
import cs336.bpe.io.Gpt2Files;
import cs336.bpe.pretokenize.SpecialTokens;
import cs336.bpe.train.MergeLoop;
import cs336.bpe.train.PieceCounter;
import java.nio.file.Files;
import java.util.ArrayList;
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
 * The merge phase of training (building pair counts and the pair -> words index, then the merges) on
 * a fixed word-count table: the pre-tokens of {@code web_en_20M.txt} (20 MB of web text, about 168,000
 * distinct words), up to a vocabulary of 10,000. Setup checks the merge loop on the assignment's
 * reference run (corpus.en, vocab 500: merges equal to the reference, in order).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class MergeLoopBench {
  @Param({"10000"})
  int vocabSize;

  PieceCounter table;

  static PieceCounter count(byte[] text) {
    PieceCounter c = new PieceCounter();
    BpeTrainer.countChunk(text, text.length, new SpecialTokens(List.of("<|endoftext|>")), c);
    return c;
  }

  @Setup(Level.Trial)
  public void setup() throws Exception {
    byte[] corpus = Files.readAllBytes(SharedText.file("cs336-fixtures/corpus.en"));
    MergeLoop check = MergeLoop.of(count(corpus));
    check.run(500 - 257, k -> {});
    List<String> got = new ArrayList<>();
    for (int k = 0; k < check.mergeCount(); k++) {
      got.add(ByteUnicode.encode(check.tokenBytes(check.mergeLeft(k))) + " " + ByteUnicode.encode(check.tokenBytes(check.mergeRight(k))));
    }
    List<String> want = new ArrayList<>();
    for (byte[][] m : Gpt2Files.readMerges(SharedText.file("cs336-fixtures/train-bpe-reference-merges.txt"))) {
      want.add(ByteUnicode.encode(m[0]) + " " + ByteUnicode.encode(m[1]));
    }
    if (!want.equals(got)) throw new IllegalStateException("merge loop disagrees with the reference merges");
    table = count(Files.readAllBytes(SharedText.file("data/web_en_20M.txt")));
  }

  @Benchmark
  public int mergeLoop() {
    MergeLoop loop = MergeLoop.of(table);
    loop.run(vocabSize - 257, k -> {});
    return loop.mergeCount();
  }
}
