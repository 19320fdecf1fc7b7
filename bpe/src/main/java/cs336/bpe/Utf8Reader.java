package cs336.bpe;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of what a {@link Reader} yields, in chunks; a surrogate pair split between two
 * reads is kept together, and an unpaired surrogate becomes U+FFFD (EF BF BD), as in tiktoken.
 */
final class Utf8Reader {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private final Reader reader;
  private final CharsetEncoder enc = newEncoder();
  private final CharBuffer chars = CharBuffer.allocate(1 << 14);
  private boolean eof;
  private boolean flushed;

  Utf8Reader(Reader reader) {
    this.reader = reader;
    chars.flip();
  }

  private static CharsetEncoder newEncoder() {
    return StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(REPLACEMENT);
  }

  /** Reads up to {@code dst.length} bytes (at least 4); returns how many, or -1 at the end. */
  int read(byte[] dst) {
    if (flushed) return -1;
    ByteBuffer out = ByteBuffer.wrap(dst);
    try {
      while (out.position() == 0) {
        if (!eof && chars.remaining() < 2) {
          chars.compact();
          int n = reader.read(chars);
          if (n < 0) eof = true;
          chars.flip();
        }
        CoderResult r = enc.encode(chars, out, eof);
        if (r.isError()) r.throwException();
        if (eof && !chars.hasRemaining()) {
          if (!flushed) {
            enc.flush(out);
            flushed = true;
          }
          break;
        }
        if (r.isOverflow()) break;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.position() == 0 && eof ? -1 : out.position();
  }

  /** A String as UTF-8 with unpaired surrogates as U+FFFD. */
  static byte[] encodeReplacing(String s) {
    try {
      ByteBuffer b = newEncoder().encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e); // cannot happen with REPLACE
    }
  }
}
