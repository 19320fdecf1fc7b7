package cs336.bpe.io;

/**
 * GPT-2's {@code bytes_to_unicode} table: each byte value is shown as one printable character, so
 * that a token's bytes can be written in {@code vocab.json} and {@code merges.txt} as a string without
 * spaces or control characters. The printable Latin-1 bytes ({@code '!'..'~'}, {@code '¡'..'¬'},
 * {@code '®'..'ÿ'}) stand for themselves; the other 68 bytes, in increasing order, are mapped to
 * U+0100, U+0101, ... (so a space, byte 0x20, is written {@code Ġ} = U+0120).
 */
public final class ByteUnicode {
  private ByteUnicode() {}

  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  /** The character that stands for byte {@code b} (0..255). */
  public static char toChar(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte that character {@code c} stands for, or -1 if {@code c} is not in the table. */
  public static int toByte(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** A token's bytes written as GPT-2 does. */
  public static String encode(byte[] bytes) {
    char[] cs = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) cs[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    return new String(cs);
  }

  /**
   * The bytes a GPT-2 token string stands for.
   *
   * @throws IllegalArgumentException naming the first character that is not in the table
   */
  public static byte[] decode(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      int b = toByte(s.charAt(i));
      if (b < 0) {
        throw new IllegalArgumentException(String.format(
            "character U+%04X at position %d of \"%s\" is not in GPT-2's byte alphabet", (int) s.charAt(i), i, s));
      }
      out[i] = (byte) b;
    }
    return out;
  }
}
