package cs336.experiments.stories;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The cast and props of one story: each slot ({@code hero}, {@code toy}, {@code toy2}, ...) is bound
 * on first use and keeps its value for the whole story, so the toy that is lost is the toy that is
 * found. Slots of the same list with different digits ({@code toy}, {@code toy2}) get different
 * entries; characters ({@code hero}, {@code friend}) get different names.
 */
final class StoryState {

  /** Slot names (without digits) that are characters, built from names and animals. */
  static final Set<String> CHARACTER_SLOTS = Set.of("hero", "friend");

  /** The chance that a character who may be an animal is a child instead. */
  private static final double CHILD_HERO = 0.55;
  private static final double CHILD_FRIEND = 0.5;

  final SplittableRandom random;
  private final StoryTemplates templates;
  private final boolean childHero;
  private final Map<String, Entry> bound = new HashMap<>();
  private final Map<String, Set<Integer>> usedByList = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();

  StoryState(StoryTemplates templates, boolean childHero, SplittableRandom random) {
    this.templates = templates;
    this.childHero = childHero;
    this.random = random;
  }

  /** The value of a slot, binding it now if this is its first use. */
  Entry slot(String slot) {
    Entry e = bound.get(slot);
    if (e == null) {
      e = bind(slot);
      bound.put(slot, e);
    }
    return e;
  }

  /** Whether {@code slot} names something a template may use. */
  boolean knows(String slot) {
    String base = base(slot);
    return CHARACTER_SLOTS.contains(base) || templates.hasList(base);
  }

  private Entry bind(String slot) {
    String base = base(slot);
    if (CHARACTER_SLOTS.contains(base)) {
      boolean child = base.equals("hero") ? childHero || random.nextDouble() < CHILD_HERO : random.nextDouble() < CHILD_FRIEND;
      return character(child);
    }
    return templates.list(base).get(pickUnused(base));
  }

  /** A character: a name, a gender, a kind (girl, boy or an animal), an adjective, a way of moving. */
  private Entry character(boolean child) {
    String gender = random.nextBoolean() ? "f" : "m";
    String name = pickName(gender);
    Map<String, String> f = new HashMap<>(Entry.pronouns(gender));
    f.put("name", name);
    if (child) {
      f.put("kind", gender.equals("f") ? "girl" : "boy");
      f.put("moved", "ran");
      f.put("sound", "shouted");
    } else {
      Entry animal = templates.list("animal").get(pickUnused("animal"));
      f.put("kind", animal.text());
      f.put("moved", animal.field("moved"));
      f.put("sound", animal.field("sound"));
    }
    f.put("adj", templates.list("adj").get(pickUnused("adj")).text());
    return new Entry(name, f);
  }

  private String pickName(String gender) {
    List<Entry> names = templates.list(gender.equals("f") ? "girl" : "boy");
    for (int tries = 0; ; tries++) {
      String n = names.get(random.nextInt(names.size())).text();
      if (usedNames.add(n)) return n;
      if (tries > 1000) throw new IllegalStateException("ran out of distinct names");
    }
  }

  /** An index into list {@code base} that no other slot of this story has taken. */
  private int pickUnused(String base) {
    List<Entry> list = templates.list(base);
    Set<Integer> used = usedByList.computeIfAbsent(base, k -> new HashSet<>());
    if (used.size() >= list.size()) throw new IllegalStateException("list " + base + " has too few entries for one story");
    int i;
    do {
      i = random.nextInt(list.size());
    } while (!used.add(i));
    return i;
  }

  /** "toy2" → "toy": digits at the end of a slot choose a different entry of the same list. */
  static String base(String slot) {
    int end = slot.length();
    while (end > 0 && Character.isDigit(slot.charAt(end - 1))) end--;
    return slot.substring(0, end);
  }
}
