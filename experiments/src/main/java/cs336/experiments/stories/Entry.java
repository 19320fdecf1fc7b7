package cs336.experiments.stories;

import java.util.Map;

/**
 * One filler value: its text (what {@code {slot}} prints) and named fields
 * ({@code {slot.field}}), e.g. a toy {@code kite} with {@code verb = "fly it"}, or a character
 * {@code Lily} with {@code he = "she"}, {@code his = "her"}, {@code kind = "girl"}.
 */
record Entry(String text, Map<String, String> fields) {

  Entry {
    fields = Map.copyOf(fields);
  }

  /** The field's value, or null when this entry has no such field. */
  String field(String name) {
    return fields.get(name);
  }

  /** Pronoun fields for a character or person of this gender ("f" or "m"). */
  static Map<String, String> pronouns(String gender) {
    return switch (gender) {
      case "f" -> Map.of("he", "she", "him", "her", "his", "her", "himself", "herself");
      case "m" -> Map.of("he", "he", "him", "him", "his", "his", "himself", "himself");
      default -> throw new IllegalArgumentException("gender must be f or m, got '" + gender + "'");
    };
  }
}
