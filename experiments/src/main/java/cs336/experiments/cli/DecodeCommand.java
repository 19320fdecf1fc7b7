package cs336.experiments.cli;

import cs336.bpe.Tokenizer;
import cs336.bpe.io.NpyTokens;
import cs336.experiments.util.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cs336 decode}: the reverse of {@code tokenize}: reads a {@code .npy} array of token ids and
 * writes their text (UTF-8; byte sequences that are not UTF-8 become U+FFFD), in constant memory.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode a .npy array of token ids back into UTF-8 text.")
public final class DecodeCommand implements Callable<Integer> {
  @Mixin TokenizerFiles tokenizer;

  @Option(names = "--input", required = true, description = "A .npy array of token ids (as written by tokenize).")
  Path input;

  @Option(names = "--out", required = true, description = "Output text file (written atomically).")
  Path out;

  @Override
  public Integer call() throws Exception {
    long[] counts = decode(tokenizer.load(), input, out);
    System.out.printf("decoded %,d tokens into %,d bytes of text: %s%n", counts[0], counts[1], out);
    return 0;
  }

  /** Decodes {@code input} into {@code out}; returns {tokens, bytes written}. */
  static long[] decode(Tokenizer tok, Path input, Path out) throws Exception {
    NpyTokens.header(input); // a clear error before the output is touched
    long[] counts = new long[2];
    AtomicFiles.write(out, os -> {
      CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
      ByteBuffer pending = ByteBuffer.allocate(0);
      CharBuffer chars = CharBuffer.allocate(1 << 20);
      long[] position = {0};
      ByteBuffer[] carry = {pending};
      NpyTokens.read(input, 1 << 18, (ids, n) -> {
        bytes.reset();
        tok.decodeBytes(ids, n, bytes, position[0]);
        position[0] += n;
        carry[0] = decodeSome(dec, concat(carry[0], bytes.toByteArray()), chars, os, false, counts);
      });
      decodeSome(dec, carry[0], chars, os, true, counts);
      counts[0] = position[0];
    });
    return counts;
  }

  private static ByteBuffer concat(ByteBuffer rest, byte[] more) {
    ByteBuffer b = ByteBuffer.allocate(rest.remaining() + more.length);
    b.put(rest).put(more).flip();
    return b;
  }

  /** Decodes what it can of {@code in} (keeping a sequence cut at the end for later) and writes it. */
  private static ByteBuffer decodeSome(CharsetDecoder dec, ByteBuffer in, CharBuffer chars, OutputStream os,
      boolean end, long[] counts) throws java.io.IOException {
    while (true) {
      chars.clear();
      var r = dec.decode(in, chars, end);
      if (end && r.isUnderflow()) dec.flush(chars);
      chars.flip();
      byte[] utf8 = chars.toString().getBytes(StandardCharsets.UTF_8);
      os.write(utf8);
      counts[1] += utf8.length;
      if (r.isUnderflow()) return in;
    }
  }
}
