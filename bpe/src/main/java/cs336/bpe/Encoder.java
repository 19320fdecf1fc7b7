package cs336.bpe;

import cs336.bpe.pretokenize.PreTokenizer;
import cs336.bpe.pretokenize.SpecialTokens;
import cs336.bpe.util.ByteHash;
import cs336.bpe.util.IntList;

/**
 * Encodes UTF-8 bytes for one thread at a time: splits out special tokens, pre-tokenizes the text
 * between them, and turns each pre-token into ids through the cache or the merges. Not thread-safe;
 * {@link Tokenizer} keeps one per thread.
 */
final class Encoder implements SpecialTokens.Sink, PreTokenizer.PieceSink {
  private final Tokenizer tokenizer;
  private final MergeRanks ranks;
  private final MergeRanks.Scratch scratch = new MergeRanks.Scratch();
  private final PieceCache cache;
  private IntList out;

  Encoder(Tokenizer tokenizer, boolean useCache) {
    this.tokenizer = tokenizer;
    this.ranks = tokenizer.ranks();
    this.cache = useCache ? new PieceCache() : null;
  }

  /** Appends the ids of {@code b[from, to)} to {@code out}. */
  void encode(byte[] b, int from, int to, IntList out) {
    this.out = out;
    try {
      tokenizer.specials().split(b, from, to, this);
    } finally {
      this.out = null;
    }
  }

  @Override
  public void text(byte[] b, int start, int end) {
    PreTokenizer.split(b, start, end, this);
  }

  @Override
  public void special(int index, int start, int end) {
    out.add(tokenizer.specialId(index));
  }

  @Override
  public void piece(byte[] b, int s, int e) {
    if (e - s == 1) {
      out.add(ranks.byteId(b[s]));
      return;
    }
    if (cache == null || e - s > PieceCache.MAX_KEY) {
      ranks.apply(b, s, e, scratch, out);
      return;
    }
    long word = ByteHash.word(b, s, e - s);
    int h = e - s <= 8 ? ByteHash.hashShort(word, e - s) : ByteHash.hash(b, s, e - s);
    if (cache.get(b, s, e, word, h, out)) return;
    int before = out.size();
    ranks.apply(b, s, e, scratch, out);
    cache.put(b, s, e, word, h, out.raw(), before, out.size());
  }
}
