package cs336.experiments.problems;

import java.util.Locale;

/**
 * Python's {@code repr()} of a {@code str} and of a {@code bytes} object, written out so the
 * Unicode problems can show exactly what the handout's Python session shows.
 */
final class PythonRepr {
  private PythonRepr() {}

  /** repr(s) for a str: quotes, backslash escapes for the characters Python does not print. */
  static String str(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    s.codePoints().forEach(cp -> {
      if (cp == quote || cp == '\\') sb.append('\\').appendCodePoint(cp);
      else if (cp == '\n') sb.append("\\n");
      else if (cp == '\r') sb.append("\\r");
      else if (cp == '\t') sb.append("\\t");
      else if (isPrintable(cp)) sb.appendCodePoint(cp);
      else if (cp <= 0xff) sb.append(String.format(Locale.ROOT, "\\x%02x", cp));
      else if (cp <= 0xffff) sb.append(String.format(Locale.ROOT, "\\u%04x", cp));
      else sb.append(String.format(Locale.ROOT, "\\U%08x", cp));
    });
    return sb.append(quote).toString();
  }

  /** repr(b) for bytes: printable ASCII as itself, everything else as \xNN. */
  static String bytes(byte[] b) {
    StringBuilder sb = new StringBuilder("b'");
    for (byte x : b) {
      int v = x & 0xff;
      if (v == '\'' || v == '\\') sb.append('\\').append((char) v);
      else if (v == '\n') sb.append("\\n");
      else if (v == '\r') sb.append("\\r");
      else if (v == '\t') sb.append("\\t");
      else if (v >= 0x20 && v < 0x7f) sb.append((char) v);
      else sb.append(String.format(Locale.ROOT, "\\x%02x", v));
    }
    return sb.append('\'').toString();
  }

  /** Python's str.isprintable() for one code point: not a control, format, separator (but space) or unassigned. */
  static boolean isPrintable(int cp) {
    if (cp == ' ') return true;
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
           Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }
}
