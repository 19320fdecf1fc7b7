package cs336.bpe;

import cs336.bpe.io.MappedText;
import cs336.bpe.pretokenize.PreTokenizer;
import cs336.bpe.pretokenize.SpecialTokens;
import cs336.bpe.train.MergeLoop;
import cs336.bpe.train.PieceCounter;
import cs336.bpe.util.PeakMemory;
import cs336.bpe.util.WorkerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trains a byte-level BPE tokenizer (the handout's section 2.4-2.5) on a text file.
 *
 * <p>Phase 1, in parallel: the file is memory-mapped and cut into chunks at safe places (at special
 * tokens or between a word and the whitespace after it, see {@link cs336.bpe.pretokenize.SafeCuts}),
 * each worker pre-tokenizes its chunks and counts the pre-tokens in a table of its own, and the tables
 * are summed. Phase 2: the {@link MergeLoop} merges the most frequent pair until the vocabulary
 * holds {@code vocabSize} tokens: the special tokens (ids {@code 0..s-1}), the 256 bytes (ids
 * {@code s..s+255}), then one token per merge. The result does not depend on the number of threads:
 * the chunks are fixed by the file, and counts are sums.
 */
public final class BpeTrainer {
  private BpeTrainer() {}

  /**
   * @param vocabSize the size of the final vocabulary, special tokens included (typical: 10,000)
   * @param specialTokens e.g. {@code <|endoftext|>}: they split the text and are never merged
   * @param threads worker threads for the counting phase
   */
  public record Options(int vocabSize, List<String> specialTokens, int threads) {
    public Options {
      specialTokens = List.copyOf(specialTokens);
      if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    public Options(int vocabSize, List<String> specialTokens) {
      this(vocabSize, specialTokens, WorkerPool.defaultThreads());
    }
  }

  /** Progress of a training run, for a progress bar; calls may come from several threads. */
  public interface Listener {
    /** A phase starts; {@code total} is in its own unit (bytes, merges). */
    default void phase(String name, long total) {}

    /** Work done so far in the current phase. */
    default void progress(long done) {}

    Listener NONE = new Listener() {};
  }

  /** The trained model and what the run measured. */
  public record Result(BpeModel model, TrainingSummary summary) {}

  /** Trains on the text file {@code input}. */
  public static Result train(Path input, Options options, Listener listener) throws IOException {
    SpecialTokens specials = new SpecialTokens(options.specialTokens());
    List<byte[]> specialBytes = specialVocab(specials);
    int merges = options.vocabSize() - 256 - specialBytes.size();
    if (merges < 0) {
      throw new IllegalArgumentException("vocab size " + options.vocabSize() + " is smaller than the 256 byte tokens plus "
          + specialBytes.size() + " special token(s) = " + (256 + specialBytes.size()));
    }
    long t0 = System.nanoTime();
    PieceCounter counts;
    long inputBytes;
    try (MappedText text = MappedText.open(input)) {
      inputBytes = text.size();
      counts = count(text, specials, options.threads(), listener);
    }
    long t1 = System.nanoTime();
    listener.phase("merge", merges);
    MergeLoop loop = MergeLoop.of(counts);
    int distinct = counts.size();
    long preTokens = counts.total();
    counts = null; // the merge loop has copied what it needs
    loop.run(merges, listener::progress);
    long t2 = System.nanoTime();
    BpeModel model = toModel(loop, specialBytes);
    TrainingSummary summary = new TrainingSummary(inputBytes, preTokens, distinct, options.threads(),
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, loop.mergeCount(),
        PeakMemory.peakRssBytes(), PeakMemory.peakHeapBytes(), longest(model, specialBytes.size(), 5));
    return new Result(model, summary);
  }

  public static Result train(Path input, Options options) throws IOException {
    return train(input, options, Listener.NONE);
  }

  /** Chunk size for counting: it depends only on the file's size, never on the thread count. */
  static long chunkTarget(long size) {
    return Math.max(256 << 10, Math.min(4 << 20, size / 64));
  }

  private static final class Worker {
    final PieceCounter counter = new PieceCounter();
    byte[] buf = new byte[0];
  }

  /** Phase 1: pre-tokenize every chunk in parallel and sum the per-worker counts. */
  static PieceCounter count(MappedText text, SpecialTokens specials, int threads, Listener listener) throws IOException {
    long[] cuts = text.chunkBoundaries(chunkTarget(text.size()), specials);
    listener.phase("pre-tokenize and count", text.size());
    AtomicLong done = new AtomicLong();
    List<Worker> workers = WorkerPool.run(threads, cuts.length - 1, Worker::new, (task, w) -> {
      int n = (int) (cuts[task + 1] - cuts[task]);
      if (w.buf.length < n) w.buf = new byte[n];
      text.copy(cuts[task], w.buf, n);
      countChunk(w.buf, n, specials, w.counter);
      listener.progress(done.addAndGet(n));
    });
    // Sum into the largest table: fewer insertions. Sums do not depend on the order.
    workers.sort(Comparator.comparingInt((Worker w) -> w.counter.size()).reversed());
    PieceCounter total = workers.get(0).counter;
    for (int i = 1; i < workers.size(); i++) total.addAll(workers.get(i).counter);
    return total;
  }

  /** Counts the pre-tokens of {@code buf[0, n)}: special tokens split it and are not counted. */
  public static void countChunk(byte[] buf, int n, SpecialTokens specials, PieceCounter counter) {
    PreTokenizer.PieceSink add = (b, s, e) -> counter.add(b, s, e, 1);
    specials.split(buf, 0, n, new SpecialTokens.Sink() {
      @Override
      public void text(byte[] b, int start, int end) {
        PreTokenizer.split(b, start, end, add);
      }

      @Override
      public void special(int index, int start, int end) {}
    });
  }

  /**
   * The special tokens' bytes that go into the vocabulary: all of them, except one that is a single
   * byte, which is already there as a byte token.
   */
  static List<byte[]> specialVocab(SpecialTokens specials) {
    List<byte[]> out = new ArrayList<>();
    for (String s : specials.tokens()) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > 1) out.add(b);
    }
    return out;
  }

  /** Special tokens, then the 256 bytes, then one token per merge. */
  static BpeModel toModel(MergeLoop loop, List<byte[]> specialBytes) {
    List<byte[]> vocab = new ArrayList<>(specialBytes);
    for (int id = 0; id < loop.tokenCount(); id++) vocab.add(loop.tokenBytes(id));
    List<byte[][]> merges = new ArrayList<>(loop.mergeCount());
    for (int k = 0; k < loop.mergeCount(); k++) {
      merges.add(new byte[][] {loop.tokenBytes(loop.mergeLeft(k)), loop.tokenBytes(loop.mergeRight(k))});
    }
    return BpeModel.of(vocab, merges);
  }

  /** The {@code n} longest tokens with ids from {@code firstId} on, longest first (ties by id). */
  public static List<byte[]> longest(BpeModel model, int firstId, int n) {
    List<Integer> ids = new ArrayList<>();
    for (int id = firstId; id < model.vocabSize(); id++) ids.add(id);
    ids.sort(Comparator.comparingInt((Integer id) -> -model.tokenShared(id).length).thenComparingInt(id -> id));
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, ids.size()); i++) out.add(model.token(ids.get(i)));
    return out;
  }
}
