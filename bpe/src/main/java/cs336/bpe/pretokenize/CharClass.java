package cs336.bpe.pretokenize;

/**
 * The four classes of code point that GPT-2's pattern tells apart, with the meanings
 * {@code java.util.regex} gives them under {@code Pattern.UNICODE_CHARACTER_CLASS} (which equal
 * those of Python's {@code regex} module):
 * <ul>
 *   <li>{@link #LETTER} {@code \p{L}}: general categories Lu, Ll, Lt, Lm, Lo;
 *   <li>{@link #NUMBER} {@code \p{N}}: Nd, Nl, No;
 *   <li>{@link #SPACE} {@code \s}: the White_Space property (Zs, Zl, Zp, U+0009..U+000D, U+0085);
 *   <li>{@link #OTHER}: everything else, including unassigned and surrogate code points and the
 *       replacement character that stands for a byte that is not UTF-8.
 * </ul>
 */
public final class CharClass {
  private CharClass() {}

  public static final int OTHER = 0;
  public static final int LETTER = 1;
  public static final int NUMBER = 2;
  public static final int SPACE = 3;

  /** Class of every BMP code point, computed once (64 KiB); the rest are looked up on demand. */
  private static final byte[] BMP = new byte[1 << 16];

  static {
    for (int cp = 0; cp < BMP.length; cp++) BMP[cp] = (byte) compute(cp);
  }

  /** The class of code point {@code cp}. */
  public static int of(int cp) {
    return cp < 0x10000 ? BMP[cp] : compute(cp);
  }

  /** The class of an ASCII byte (0..127). */
  static int ascii(int b) {
    return BMP[b];
  }

  private static int compute(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
      case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SPACE;
      // White_Space also holds the C0 controls TAB..CR and NEXT LINE (U+0085).
      default -> (cp >= 0x9 && cp <= 0xD) || cp == 0x85 ? SPACE : OTHER;
    };
  }
}
