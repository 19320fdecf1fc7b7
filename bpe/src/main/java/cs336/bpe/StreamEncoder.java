package cs336.bpe;

import cs336.bpe.pretokenize.SafeCuts;
import cs336.bpe.pretokenize.SpecialTokens;
import cs336.bpe.util.IntList;
import java.util.Arrays;

/**
 * Encodes a text that arrives in pieces, holding a bounded window: bytes are buffered, and once
 * enough have come the buffer is encoded up to its last {@link SafeCuts safe cut}, and the rest kept
 * for later. A cut must also leave room for the longest special token after it, so that a special
 * token arriving in two pieces is still seen whole. If a window holds no safe cut (one enormous
 * pre-token) the window grows until it does.
 */
final class StreamEncoder {
  private static final int WINDOW = 1 << 16;

  private final Encoder encoder;
  private final SpecialTokens specials;
  private byte[] buf = new byte[WINDOW * 2];
  private int len;
  private int threshold = WINDOW;

  StreamEncoder(Tokenizer tokenizer, Encoder encoder) {
    this.encoder = encoder;
    this.specials = tokenizer.specials();
  }

  /** Adds {@code src[off, off + n)} to the text; appends to {@code out} the ids that are final. */
  void feed(byte[] src, int off, int n, IntList out) {
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    System.arraycopy(src, off, buf, len, n);
    len += n;
    if (len >= threshold) encodeUpToLastCut(out);
  }

  /** The text has ended: appends the ids of everything still buffered. */
  void finish(IntList out) {
    encoder.encode(buf, 0, len, out);
    len = 0;
  }

  private void encodeUpToLastCut(IntList out) {
    // b[p] must be known, and so must every special token that starts at or before p.
    int limit = Math.min(len - 1, len - specials.maxLength());
    int p = SafeCuts.lastCut(buf, 0, limit, len, specials);
    if (p <= 0) {
      threshold = len * 2; // no cut yet: wait for twice as much text
      return;
    }
    encoder.encode(buf, 0, p, out);
    System.arraycopy(buf, p, buf, 0, len - p);
    len -= p;
    threshold = Math.max(WINDOW, len + WINDOW);
  }
}
