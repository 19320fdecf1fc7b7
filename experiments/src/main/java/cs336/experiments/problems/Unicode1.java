package cs336.experiments.problems;

import cs336.experiments.util.Report;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * Handout problem {@code unicode1} (Understanding Unicode): what {@code chr(0)} is, how its repr
 * differs from its printed form, and what it does inside text; every answer from a computation.
 */
@Command(name = Unicode1.ID, mixinStandardHelpOptions = true,
    description = "Understanding Unicode: chr(0), its repr vs its printed form, and what it does in text.")
public final class Unicode1 extends ComputedProblem {
  static final String ID = "unicode1";

  public static void main(String[] args) {
    ProblemMain.run(ID, args);
  }

  @Override
  String id() {
    return ID;
  }

  @Override
  Report report() {
    String nul = new String(Character.toChars(0));
    String text = "this is a test" + nul + "string";
    Report r = new Report(ID, "Understanding Unicode");

    r.section("(a) What Unicode character does chr(0) return?");
    r.text(String.format(Locale.ROOT, "`chr(0)` returns U+%04X, the character named **%s** (NUL): code point %d, a control "
            + "character (general category Cc) whose UTF-8 encoding is the single byte `%s`.",
        nul.codePointAt(0), Character.getName(nul.codePointAt(0)), nul.codePointAt(0),
        PythonRepr.bytes(nul.getBytes(StandardCharsets.UTF_8))));

    r.section("(b) How does its string representation (__repr__()) differ from its printed representation?");
    r.text("Its `__repr__()` is `" + PythonRepr.str(nul) + "` (" + PythonRepr.str(nul).length() + " visible characters: "
        + "quotes and the escape `\\x00`), because repr escapes every character that is not printable; printing "
        + "it writes the one raw character, which a terminal shows as nothing at all.");
    r.table(List.of("expression", "what the interpreter shows"), List.of(
        List.of("`chr(0)`", "`" + PythonRepr.str(nul) + "`"),
        List.of("`print(chr(0))`", "(an empty-looking line)"),
        List.of("`len(chr(0))`", String.valueOf(nul.codePointCount(0, nul.length()))),
        List.of("`chr(0).isprintable()`", PythonRepr.isPrintable(0) ? "True" : "False")));

    r.section("(c) What happens when this character occurs in text?");
    String printed = visibleOnATerminal(text);
    r.text("It stays in the string as an ordinary character that takes a position and a byte, but it is invisible "
        + "when printed: the text looks shorter than it is, and two different strings print identically.");
    r.table(List.of("expression", "what the interpreter shows"), List.of(
        List.of("`\"this is a test\" + chr(0) + \"string\"`", "`" + PythonRepr.str(text) + "`"),
        List.of("`print(\"this is a test\" + chr(0) + \"string\")`", "`" + printed + "`"),
        List.of("`len(...)`", text.codePointCount(0, text.length()) + " characters, " + printed.length() + " visible"),
        List.of("looks like `print(\"this is a teststring\")`", printed.equals("this is a teststring") ? "yes" : "no")));
    r.text("So a tokenizer must treat it like any other byte (byte 0 is one of the 256 initial tokens), even though "
        + "a human reading the printed text never sees it.");
    r.reproduce("./cs336 experiment " + ID);
    return r;
  }

  /** What a terminal shows for {@code s}: non-printable characters take no space. */
  static String visibleOnATerminal(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().filter(PythonRepr::isPrintable).forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
