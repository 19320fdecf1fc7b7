package cs336.experiments.stories;

/**
 * Fills one template with a story's values.
 * <ul>
 *   <li>{@code {slot}} prints the slot's text, {@code {slot.field}} one of its fields (a list
 *       column, or for characters: name, he, him, his, himself, kind, adj, moved, sound).</li>
 *   <li>A capital first letter on the last part ({@code {Parent}}, {@code {hero.He}}) capitalises
 *       the value, for names and words used mid-sentence like "Mom".</li>
 *   <li>{@code [one|another|]} chooses one option uniformly (options may hold slots and nested
 *       brackets; an empty option chooses nothing).</li>
 *   <li>A list value may itself hold slots and options; they are filled in the same story.</li>
 * </ul>
 * A template that names an unknown slot or field is an error naming the template.
 */
final class TemplateFiller {
  private TemplateFiller() {}

  static String fill(String template, StoryState state) {
    StringBuilder out = new StringBuilder();
    fillInto(template, 0, template.length(), state, out, template);
    return out.toString();
  }

  private static void fillInto(String t, int from, int to, StoryState st, StringBuilder out, String whole) {
    int i = from;
    while (i < to) {
      char c = t.charAt(i);
      if (c == '{') {
        int close = t.indexOf('}', i);
        if (close < 0 || close >= to) throw error(whole, "unclosed {");
        out.append(resolve(t.substring(i + 1, close), st, whole));
        i = close + 1;
      } else if (c == '[') {
        int close = matchingBracket(t, i, to, whole);
        choose(t, i + 1, close, st, out, whole);
        i = close + 1;
      } else if (c == '}' || c == ']' || c == '|') {
        throw error(whole, "stray '" + c + "'");
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** Picks one '|'-separated option of t[from, to) (top level only) and fills it. */
  private static void choose(String t, int from, int to, StoryState st, StringBuilder out, String whole) {
    java.util.List<int[]> options = new java.util.ArrayList<>();
    int depth = 0, start = from;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c == '[') depth++;
      else if (c == ']') depth--;
      else if (c == '|' && depth == 0) {
        options.add(new int[] {start, i});
        start = i + 1;
      }
    }
    options.add(new int[] {start, to});
    int[] pick = options.get(st.random.nextInt(options.size()));
    fillInto(t, pick[0], pick[1], st, out, whole);
  }

  private static int matchingBracket(String t, int open, int to, String whole) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      if (t.charAt(i) == '[') depth++;
      else if (t.charAt(i) == ']' && --depth == 0) return i;
    }
    throw error(whole, "unclosed [");
  }

  private static String resolve(String ref, StoryState st, String whole) {
    String[] parts = ref.split("\\.", -1);
    if (parts.length > 2 || parts[0].isEmpty()) throw error(whole, "bad slot {" + ref + "}");
    String last = parts[parts.length - 1];
    boolean capital = !last.isEmpty() && Character.isUpperCase(last.charAt(0));
    String slot = decapitalize(parts[0]);
    if (!st.knows(slot)) throw error(whole, "unknown slot {" + ref + "}");
    Entry e = st.slot(slot);
    String value = parts.length == 1 ? e.text() : e.field(decapitalize(parts[1]));
    if (value == null) throw error(whole, "{" + slot + "} has no field '" + parts[1] + "'");
    if (value.indexOf('{') >= 0 || value.indexOf('[') >= 0) {
      // A list value may use slots itself ("tie {hero.his} shoes").
      value = fill(value, st);
    }
    return capital ? capitalize(value) : value;
  }

  /** Upper-cases the first letter (after any opening quote or bracket). */
  static String capitalize(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return s.substring(0, i) + Character.toUpperCase(s.charAt(i)) + s.substring(i + 1);
      }
      if (Character.isDigit(s.charAt(i))) return s;
    }
    return s;
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static IllegalStateException error(String template, String problem) {
    return new IllegalStateException(StoryTemplates.RESOURCE + ": " + problem + " in template: " + template);
  }
}
