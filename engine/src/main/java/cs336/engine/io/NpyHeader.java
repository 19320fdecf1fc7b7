package cs336.engine.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dict literal of a .npy header, e.g. {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (3, 4), }}, parsed with a tiny recursive-descent reader of the few Python literals it
 * may hold (strings, True/False, tuples of integers).
 */
record NpyHeader(FileDType dtype, long[] shape) {

  static NpyHeader parse(String source, String text) throws IOException {
    Reader r = new Reader(source, text);
    String descr = null;
    Boolean fortran = null;
    long[] shape = null;
    r.expect('{');
    while (!r.peek('}')) {
      String key = r.string();
      r.expect(':');
      switch (key) {
        case "descr" -> descr = r.string();
        case "fortran_order" -> fortran = r.bool();
        case "shape" -> shape = r.tuple();
        default -> throw r.error("unknown header field '" + key + "'");
      }
      if (!r.peek('}')) r.expect(',');
    }
    if (descr == null) throw new IOException(source + ": header field 'descr' is missing");
    if (fortran == null) throw new IOException(source + ": header field 'fortran_order' is missing");
    if (shape == null) throw new IOException(source + ": header field 'shape' is missing");
    if (fortran) throw new IOException(source + ": header field 'fortran_order' is True; only C order is supported");
    FileDType dtype = FileDType.fromNpy(descr);
    if (dtype == null) {
      throw new IOException(source + ": header field 'descr': unsupported dtype '" + descr
          + "' (supported: little-endian float32, float64, float16, int64, int32, uint32, uint16, uint8, bool)");
    }
    return new NpyHeader(dtype, shape);
  }

  private static final class Reader {
    private final String source;
    private final String s;
    private int i;

    Reader(String source, String s) {
      this.source = source;
      this.s = s;
    }

    IOException error(String what) {
      return new IOException(source + ": malformed .npy header (" + what + " at character " + i + "): " + s.strip());
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    boolean peek(char c) {
      skip();
      return i < s.length() && s.charAt(i) == c;
    }

    void expect(char c) throws IOException {
      skip();
      if (i >= s.length() || s.charAt(i) != c) throw error("expected '" + c + "'");
      i++;
    }

    String string() throws IOException {
      skip();
      if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) throw error("expected a string");
      char q = s.charAt(i++);
      int end = s.indexOf(q, i);
      if (end < 0) throw error("unterminated string");
      String v = s.substring(i, end);
      i = end + 1;
      return v;
    }

    boolean bool() throws IOException {
      skip();
      if (s.startsWith("True", i)) {
        i += 4;
        return true;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return false;
      }
      throw error("expected True or False");
    }

    long[] tuple() throws IOException {
      expect('(');
      List<Long> dims = new ArrayList<>();
      while (!peek(')')) {
        skip();
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (start == i) throw error("expected a dimension");
        dims.add(Long.parseLong(s.substring(start, i)));
        if (i < s.length() && s.charAt(i) == 'L') i++;     // Python 2 longs
        if (!peek(')')) expect(',');
      }
      expect(')');
      return dims.stream().mapToLong(Long::longValue).toArray();
    }
  }
}
