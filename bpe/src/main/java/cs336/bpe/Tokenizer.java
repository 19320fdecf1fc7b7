package cs336.bpe;

import cs336.bpe.io.Gpt2Files;
import cs336.bpe.pretokenize.SpecialTokens;
import cs336.bpe.util.IntList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PrimitiveIterator;

/**
 * A byte-level BPE tokenizer (the handout's section 2.6): a vocabulary, merges and special tokens.
 * With GPT-2's files and {@code <|endoftext|>} it gives exactly the ids of tiktoken's GPT-2 encoding.
 *
 * <ul>
 *   <li>{@link #encode(String)}: special tokens first (leftmost, longest wins), GPT-2 pre-tokenization
 *       of the text between them, then each pre-token's merges. An unpaired surrogate in the String is
 *       encoded as U+FFFD, as tiktoken does.
 *   <li>{@link #encodeIterable(Iterable)}, {@link #encodeIterable(Reader)}, {@link #encodeStream}
 *       (e.g. over {@code Files.newInputStream(file)}): streaming in constant memory; the text is cut
 *       only where no pre-token or special token can cross, so the ids equal those of encoding the
 *       whole text at once. {@link FileEncoder} encodes a file on several threads.
 *   <li>{@link #decode(int[])}: the tokens' bytes as UTF-8, malformed sequences replaced by U+FFFD.
 * </ul>
 * Thread-safe: each thread encodes with an {@code Encoder} of its own (with its own pre-token cache).
 */
public final class Tokenizer {
  private final BpeModel model;
  private final MergeRanks ranks;
  private final SpecialTokens specials;
  private final int[] specialIds;
  private final ThreadLocal<Encoder> encoders;

  /** A tokenizer from a model; special tokens missing from the vocabulary are added at its end. */
  public Tokenizer(BpeModel model, List<String> specialTokens) {
    this(model, specialTokens, true);
  }

  Tokenizer(BpeModel model, List<String> specialTokens, boolean useCache) {
    this.specials = new SpecialTokens(specialTokens);
    List<byte[]> sp = new ArrayList<>();
    for (String s : specials.tokens()) sp.add(s.getBytes(StandardCharsets.UTF_8));
    this.model = model.withTokens(sp);
    this.ranks = new MergeRanks(this.model);
    this.specialIds = new int[sp.size()];
    for (int k = 0; k < sp.size(); k++) specialIds[k] = this.model.id(sp.get(k));
    this.encoders = ThreadLocal.withInitial(() -> new Encoder(this, useCache));
  }

  /** The same tokenizer without the pre-token cache (every pre-token merged afresh): for benchmarks and tests. */
  public Tokenizer withoutCache() {
    return new Tokenizer(model, specials.tokens(), false);
  }

  /** GPT-2 style {@code vocab.json} and {@code merges.txt}, plus special tokens. */
  public static Tokenizer fromFiles(Path vocabJson, Path mergesTxt, List<String> specialTokens) throws IOException {
    return new Tokenizer(Gpt2Files.read(vocabJson, mergesTxt), specialTokens);
  }

  public BpeModel model() {
    return model;
  }

  public int vocabSize() {
    return model.vocabSize();
  }

  public SpecialTokens specials() {
    return specials;
  }

  MergeRanks ranks() {
    return ranks;
  }

  /** The id of special token {@code index} (into {@code specials().tokens()}). */
  int specialId(int index) {
    return specialIds[index];
  }

  // ---- encoding ----

  /** The ids of {@code text}. */
  public int[] encode(String text) {
    byte[] b = utf8(text);
    IntList out = new IntList(b.length / 3 + 16);
    encoders.get().encode(b, 0, b.length, out);
    return out.toArray();
  }

  /** Appends the ids of the UTF-8 bytes {@code b[from, to)} to {@code out}. */
  public void encode(byte[] b, int from, int to, IntList out) {
    encoders.get().encode(b, from, to, out);
  }

  /** Receives ids as they are produced: {@code ids[0, n)}, valid only during the call. */
  @FunctionalInterface
  public interface IdSink {
    void accept(int[] ids, int n) throws IOException;
  }

  /**
   * Encodes everything {@code in} yields (UTF-8 bytes) in constant memory, passing ids to
   * {@code sink} in order, and returns the number of bytes read. Malformed UTF-8 is encoded byte by
   * byte, as it is (it decodes back to the same bytes).
   */
  public long encodeStream(InputStream in, IdSink sink) throws IOException {
    StreamEncoder s = new StreamEncoder(this, encoders.get());
    IntList out = new IntList(1 << 16);
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      s.feed(buf, 0, n, out);
      if (out.size() > 0) {
        sink.accept(out.raw(), out.size());
        out.clear();
      }
    }
    s.finish(out);
    if (out.size() > 0) sink.accept(out.raw(), out.size());
    return total;
  }

  /**
   * Lazily encodes the strings {@code chunks} yields, as if they were one text (e.g. the lines of a
   * file, each ending with its newline), holding only a bounded window of text in memory.
   */
  public PrimitiveIterator.OfInt encodeIterable(Iterable<String> chunks) {
    Iterator<String> it = chunks.iterator();
    StreamEncoder s = new StreamEncoder(this, new Encoder(this, true));
    return new IdIterator() {
      @Override
      boolean fill(IntList out) {
        if (!it.hasNext()) {
          s.finish(out);
          return false;
        }
        byte[] b = utf8(it.next());
        s.feed(b, 0, b.length, out);
        return true;
      }
    };
  }

  /** Lazily encodes everything {@code reader} yields, in constant memory. */
  public PrimitiveIterator.OfInt encodeIterable(Reader reader) {
    Utf8Reader bytes = new Utf8Reader(reader);
    StreamEncoder s = new StreamEncoder(this, new Encoder(this, true));
    byte[] buf = new byte[1 << 16];
    return new IdIterator() {
      @Override
      boolean fill(IntList out) {
        int n = bytes.read(buf);
        if (n < 0) {
          s.finish(out);
          return false;
        }
        s.feed(buf, 0, n, out);
        return true;
      }
    };
  }

  /** An id iterator over a queue that {@link #fill} refills. */
  private abstract static class IdIterator implements PrimitiveIterator.OfInt {
    private final IntList queue = new IntList(1 << 12);
    private int at;
    private boolean more = true;

    /** Adds ids to {@code out} (maybe none); false once the input is exhausted (after the last ids). */
    abstract boolean fill(IntList out);

    @Override
    public boolean hasNext() {
      while (at == queue.size() && more) {
        queue.clear();
        at = 0;
        more = fill(queue);
      }
      return at < queue.size();
    }

    @Override
    public int nextInt() {
      if (!hasNext()) throw new java.util.NoSuchElementException();
      return queue.raw()[at++];
    }
  }

  /** A String as UTF-8, an unpaired surrogate becoming U+FFFD (String.getBytes would write '?'). */
  static byte[] utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    // getBytes writes a lone surrogate as '?', tiktoken as U+FFFD: re-encode only when there is one.
    // (Without a '?' in the bytes there was none; a fast byte scan spares the char scan.)
    return hasQuestionMark(b) && hasLoneSurrogate(s) ? Utf8Reader.encodeReplacing(s) : b;
  }

  private static boolean hasQuestionMark(byte[] b) {
    for (byte x : b) {
      if (x == '?') return true;
    }
    return false;
  }

  private static boolean hasLoneSurrogate(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < Character.MIN_SURROGATE) continue;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  // ---- decoding ----

  /** The bytes of the tokens {@code ids}, concatenated. */
  public byte[] decodeBytes(int[] ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    decodeBytes(ids, ids.length, out, 0);
    return out.toByteArray();
  }

  /**
   * Appends the bytes of {@code ids[0, n)} to {@code out}; {@code position} is the index of
   * {@code ids[0]} in the whole sequence, for error messages.
   */
  public void decodeBytes(int[] ids, int n, ByteArrayOutputStream out, long position) {
    for (int i = 0; i < n; i++) {
      int id = ids[i];
      if (id < 0 || id >= model.vocabSize()) {
        throw new IllegalArgumentException("token id " + id + " at position " + (position + i)
            + " is not in the vocabulary (ids 0.." + (model.vocabSize() - 1) + ")");
      }
      byte[] t = model.tokenShared(id);
      out.write(t, 0, t.length);
    }
  }

  /** The text of {@code ids}: their bytes decoded as UTF-8, malformed sequences replaced by U+FFFD. */
  public String decode(int[] ids) {
    return new String(decodeBytes(ids), StandardCharsets.UTF_8);
  }
}
