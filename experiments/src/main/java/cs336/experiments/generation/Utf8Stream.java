package cs336.experiments.generation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns token bytes into text as they arrive. A byte-level BPE token can end in the middle of a
 * UTF-8 character (an emoji is often two or three tokens), so the bytes of an unfinished character
 * wait for the next token; sequences that can never be UTF-8 become U+FFFD, as in
 * {@code bytes.decode("utf-8", errors="replace")}.
 */
public final class Utf8Stream {
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);

  /** The text that {@code bytes} complete (possibly empty). */
  public String push(byte[] bytes) {
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
    in.put(pending).put(bytes).flip();
    CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, chars, false);
    pending = in;                                   // what is left: the start of an unfinished character
    return chars.flip().toString();
  }

  /** The text of whatever is still pending (an unfinished character becomes U+FFFD). */
  public String finish() {
    CharBuffer chars = CharBuffer.allocate(pending.remaining() + 2);
    decoder.decode(pending, chars, true);
    decoder.flush(chars);
    pending = ByteBuffer.allocate(0);
    decoder.reset();
    return chars.flip().toString();
  }
}
