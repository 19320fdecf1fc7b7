package cs336.experiments.problems;

import cs336.experiments.util.Report;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code unicode2} (Unicode Encodings): why train on UTF-8 bytes, why decoding
 * byte by byte is wrong, and a two-byte sequence that is no UTF-8 at all; every answer computed.
 */
@Command(name = Unicode2.ID, mixinStandardHelpOptions = true,
    description = "Unicode encodings: UTF-8 vs UTF-16/32 sizes, the wrong byte-by-byte decoder, undecodable byte pairs.")
public final class Unicode2 extends ComputedProblem {
  static final String ID = "unicode2";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  /** Sample texts for the size comparison: English first, since that is what we train on. */
  static final List<String> SAMPLES = List.of(
      "hello",
      "Once upon a time, there was a little girl named Lily.",
      "naïve café",
      "Привет, мир",
      "こんにちは",
      "🙂👍");

  static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  @Override
  Report report() {
    Report r = new Report(ID, "Unicode Encodings");

    // ---- (a) ----
    r.section("(a) Why train the tokenizer on UTF-8 bytes rather than UTF-16 or UTF-32?");
    List<List<String>> rows = new ArrayList<>();
    for (String s : SAMPLES) {
      byte[] u8 = s.getBytes(StandardCharsets.UTF_8);
      byte[] u16 = s.getBytes(StandardCharsets.UTF_16LE);
      byte[] u32 = s.getBytes(UTF_32LE);
      rows.add(List.of("`" + s + "`", String.valueOf(s.codePointCount(0, s.length())),
          String.valueOf(u8.length), String.valueOf(u16.length), String.valueOf(u32.length),
          Numbers.pct(zeroFraction(u16)), Numbers.pct(zeroFraction(u32))));
    }
    r.table(List.of("text", "code points", "UTF-8 bytes", "UTF-16 bytes", "UTF-32 bytes",
        "zero bytes in UTF-16", "zero bytes in UTF-32"), rows);
    String english = SAMPLES.get(1);
    r.text(String.format(Locale.ROOT,
        "UTF-8 gives the shortest byte sequences for the text we train on: English is one byte per character, "
            + "while UTF-16 doubles and UTF-32 quadruples it (%d vs %d vs %d bytes for the English sentence above), "
            + "padding with zero bytes (%s of its UTF-32 bytes are 0) that a byte-level tokenizer would spend its "
            + "merges and its context on. UTF-8 never produces a zero byte except for U+0000, is self-synchronising "
            + "and is what nearly all web text is stored in already, so its 256 byte values are a small, complete "
            + "base vocabulary. (Sizes without a byte-order mark; Python's `'utf-16'` and `'utf-32'` add 2 and 4 "
            + "bytes of BOM.)",
        english.getBytes(StandardCharsets.UTF_8).length, english.getBytes(StandardCharsets.UTF_16LE).length,
        english.getBytes(UTF_32LE).length, Numbers.pct(zeroFraction(english.getBytes(UTF_32LE)))));

    // ---- (b) ----
    r.section("(b) Why is decode_utf8_bytes_to_str_wrong incorrect?");
    r.text("```python\ndef decode_utf8_bytes_to_str_wrong(bytestring: bytes):\n"
        + "    return \"\".join([bytes([b]).decode(\"utf-8\") for b in bytestring])\n```");
    String ascii = "hello";
    String accented = "héllo";
    byte[] bad = accented.getBytes(StandardCharsets.UTF_8);
    Optional<String> failure = decodeWrong(bad).failure();
    r.text("It decodes each byte on its own, but UTF-8 encodes every character above U+007F as a sequence of 2 to 4 "
        + "bytes that only mean something together. It works on ASCII (`" + PythonRepr.bytes(ascii.getBytes(StandardCharsets.UTF_8))
        + "` gives `" + PythonRepr.str(decodeWrong(ascii.getBytes(StandardCharsets.UTF_8)).text()) + "`) and fails on "
        + "`" + PythonRepr.bytes(bad) + "` (`\"" + accented + "\".encode(\"utf-8\")`): " + failure.orElse("(it did not fail)") + ".");
    r.table(List.of("byte", "bits", "role in UTF-8"), bytesTable(bad));
    r.text("Decoding per byte with `errors=\"replace\"` instead of failing gives `"
        + PythonRepr.str(decodePerByteReplacing(bad)) + "`: two replacement characters where `é` was.");

    // ---- (c) ----
    r.section("(c) A two-byte sequence that does not decode to any Unicode character");
    byte[] answer = {(byte) 0xc0, (byte) 0x80};
    r.text("`" + PythonRepr.bytes(answer) + "`: `0xC0` looks like the lead byte of a two-byte sequence, but a two-byte "
        + "sequence starting with `0xC0` or `0xC1` could only encode a code point below U+0080, which must be written in "
        + "one byte (an *overlong* encoding), so no valid UTF-8 contains these bytes. (It is how Java's *modified* "
        + "UTF-8 in `DataOutput.writeUTF` writes U+0000, and standard UTF-8 decoders reject it.) A strict decoder says: "
        + strictDecode(answer).failure().orElse("(decoded!)") + ".");
    List<List<String>> pairs = new ArrayList<>();
    for (String hex : List.of("c0 80", "80 80", "ff fe", "e2 82", "c3 28", "c3 a9", "68 69")) {
      byte[] b = HexFormat.ofDelimiter(" ").parseHex(hex);
      Decoded d = strictDecode(b);
      pairs.add(List.of("`" + PythonRepr.bytes(b) + "`", d.failure().isPresent() ? "no: " + d.failure().get()
          : "yes: `" + PythonRepr.str(d.text()) + "`"));
    }
    r.table(List.of("bytes", "valid UTF-8?"), pairs);
    long valid = countDecodablePairs();
    r.text(String.format(Locale.ROOT, "Of all %s two-byte sequences, only %s decode (two ASCII bytes, or a lead byte "
        + "0xC2-0xDF followed by a continuation byte 0x80-0xBF); the other %s do not.",
        Numbers.count(65_536), Numbers.count(valid), Numbers.count(65_536 - valid)));
    r.reproduce("./cs336 experiment " + ID);
    return r;
  }

  // ---- decoding helpers ----

  /** A decoding result: the text, or why it failed (in Python's words where possible). */
  record Decoded(String text, Optional<String> failure) {}

  /** bytes.decode("utf-8") with errors="strict". */
  static Decoded strictDecode(byte[] b) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
      return new Decoded(s, Optional.empty());
    } catch (CharacterCodingException e) {
      return new Decoded(null, Optional.of(whyInvalid(b)));
    }
  }

  /** The handout's wrong decoder, run in Java: decode every byte on its own, strictly. */
  static Decoded decodeWrong(byte[] bytestring) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytestring.length; i++) {
      Decoded one = strictDecode(new byte[] {bytestring[i]});
      if (one.failure().isPresent()) {
        return new Decoded(null, Optional.of(String.format(Locale.ROOT,
            "`UnicodeDecodeError: 'utf-8' codec can't decode byte 0x%02x in position 0: %s` (raised for the input's byte %d, decoded alone)",
            bytestring[i] & 0xff, pythonReason(bytestring[i] & 0xff), i)));
      }
      sb.append(one.text());
    }
    return new Decoded(sb.toString(), Optional.empty());
  }

  /** Per-byte decoding with U+FFFD for what does not decode (Python's errors="replace"). */
  static String decodePerByteReplacing(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) sb.append(new String(new byte[] {x}, StandardCharsets.UTF_8));
    return sb.toString();
  }

  /** How many of the 65,536 two-byte sequences are valid UTF-8. */
  static long countDecodablePairs() {
    long n = 0;
    byte[] b = new byte[2];
    for (int i = 0; i < 256; i++) {
      for (int j = 0; j < 256; j++) {
        b[0] = (byte) i;
        b[1] = (byte) j;
        if (strictDecode(b).failure().isEmpty()) n++;
      }
    }
    return n;
  }

  /** What one byte can be in UTF-8, from its high bits. */
  static String role(int v) {
    if (v < 0x80) return "ASCII character (0xxxxxxx)";
    if (v < 0xc0) return "continuation byte (10xxxxxx), only valid after a lead byte";
    if (v < 0xc2) return "byte that never occurs in UTF-8 (it could only start an overlong 2-byte sequence)";
    if (v < 0xe0) return "lead byte of a 2-byte sequence (110xxxxx)";
    if (v < 0xf0) return "lead byte of a 3-byte sequence (1110xxxx)";
    if (v < 0xf5) return "lead byte of a 4-byte sequence (11110xxx)";
    return "byte that never occurs in UTF-8 (it would start a sequence beyond U+10FFFF)";
  }

  /** Python's reason for a byte that cannot be decoded on its own. */
  static String pythonReason(int v) {
    return v >= 0xc2 && v < 0xf5 ? "unexpected end of data" : "invalid start byte";
  }

  private static String whyInvalid(byte[] b) {
    int lead = b[0] & 0xff;
    if (lead >= 0x80 && lead < 0xc2 || lead >= 0xf5) {
      return String.format(Locale.ROOT, "0x%02x cannot start a character: it is a %s", lead, role(lead));
    }
    if (lead >= 0xc2 && b.length >= 2 && ((b[1] & 0xff) < 0x80 || (b[1] & 0xff) >= 0xc0)) {
      return String.format(Locale.ROOT, "lead byte 0x%02x is followed by 0x%02x, which is not a continuation byte", lead, b[1] & 0xff);
    }
    return String.format(Locale.ROOT, "0x%02x is the %s, and the input ends after %d bytes", lead, role(lead), b.length);
  }

  private static List<List<String>> bytesTable(byte[] bytes) {
    List<List<String>> rows = new ArrayList<>();
    for (byte x : bytes) {
      int v = x & 0xff;
      String bits = String.format(Locale.ROOT, "%8s", Integer.toBinaryString(v)).replace(' ', '0');
      rows.add(List.of(String.format(Locale.ROOT, "`0x%02x`", v), "`" + bits + "`", role(v)));
    }
    return rows;
  }

  private static double zeroFraction(byte[] b) {
    long zeros = 0;
    for (byte x : b) if (x == 0) zeros++;
    return b.length == 0 ? 0 : (double) zeros / b.length;
  }
}
