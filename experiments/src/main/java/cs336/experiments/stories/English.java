package cs336.experiments.stories;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small amount of English a filled template needs fixing up: "a" or "an" by the next word's
 * sound, capital letters at sentence and quotation starts, and stray spaces left by empty options.
 */
final class English {
  private English() {}

  private static final Pattern ARTICLE = Pattern.compile("\\b([Aa]n?) (\\w+)");
  /** Words with a vowel letter but a consonant sound ("a unicorn"), and the reverse ("an hour"). */
  private static final Set<String> CONSONANT_SOUND = Set.of("one", "once", "unicorn", "uniform", "unique", "useful",
      "usual", "ukulele", "university", "european", "user");
  private static final Set<String> VOWEL_SOUND = Set.of("hour", "honest", "honor");

  /** One paragraph made presentable. */
  static String polish(String paragraph) {
    String s = paragraph.replaceAll(" {2,}", " ").replace(" ,", ",").replace(" .", ".").replace(" !", "!")
        .replace(" ?", "?").strip();
    s = articles(s);
    return capitalizeSentences(s);
  }

  static String articles(String s) {
    Matcher m = ARTICLE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String article = m.group(1), word = m.group(2);
      boolean an = wantsAn(word);
      String fixed = (Character.isUpperCase(article.charAt(0)) ? "A" : "a") + (an ? "n" : "");
      m.appendReplacement(sb, Matcher.quoteReplacement(fixed + " " + word));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static boolean wantsAn(String word) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    if (VOWEL_SOUND.contains(w)) return true;
    if (CONSONANT_SOUND.contains(w)) return false;
    return "aeiou".indexOf(w.charAt(0)) >= 0;
  }

  /**
   * Capitalises the first letter of the paragraph and of each sentence after ". ", "! " or "? ",
   * but not after a closing quote: {@code "Hi!" said Tom} (a template that starts a new sentence
   * there writes {@code {hero.His}}).
   */
  static String capitalizeSentences(String s) {
    char[] c = s.toCharArray();
    boolean capNext = true;
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (Character.isLetter(ch)) {
        if (capNext) c[i] = Character.toUpperCase(ch);
        capNext = false;
      } else if (ch == '"') {
        // A quotation starts with a capital in the templates themselves; after a comma it may
        // continue a quoted sentence ("..., but I am proud"), so quotes change nothing here.
      } else if ((ch == '.' || ch == '!' || ch == '?') && i + 1 < c.length && c[i + 1] == ' ') {
        capNext = true;
      } else if (ch != ' ') {
        capNext = capNext && (ch == '(');
      }
    }
    return new String(c);
  }
}
