package cs336.experiments.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The templates format and the English fix-ups, on small hand-written inputs. */
class TemplatesTest {

  static final String MINI = """
      @list girl
      Lily
      Mia
      @list boy
      Tom
      @list adj
      little
      kind
      @list animal: kind | moved | sound
      owl | flew | hooted
      @list toy: name | verb
      apple box | open it
      kite | fly it [high|low]
      @list parent: name | gender
      dad | m
      @group opening
      Once upon a time, there was a {hero.adj} {hero.kind} named {hero}.
      @plot mini child
      ## @opening
      ## /have?
      {hero.he} had a {toy}. {hero.he} liked to {toy.verb}. "Look, {Parent}!" {hero.His} {parent} smiled.
      """;

  static StoryTemplates mini() {
    return StoryTemplates.parse(MINI, "mini.txt");
  }

  @Test
  void parsesListsGroupsAndPlots() {
    StoryTemplates t = mini();
    assertEquals(1, t.plots().size());
    Plot p = t.plots().getFirst();
    assertTrue(p.childHero());
    assertEquals("mini/@opening", p.beats().get(0).name());
    assertTrue(p.beats().get(1).optional() && p.beats().get(1).newParagraph());
    assertEquals("open it", t.list("toy").getFirst().field("verb"));
    assertEquals("his", t.list("parent").getFirst().field("his"));
  }

  @Test
  void fillsSlotsConsistentlyAndFixesArticles() {
    StoryTemplates t = mini();
    for (int seed = 0; seed < 50; seed++) {
      StoryState st = new StoryState(t, true, new SplittableRandom(seed));
      String s = English.polish(TemplateFiller.fill(t.plots().getFirst().beats().get(1).alternatives().getFirst(), st));
      String toy = st.slot("toy").text();
      String he = st.slot("hero").field("he");
      assertTrue(s.startsWith(TemplateFiller.capitalize(he) + " had " + (toy.startsWith("a") ? "an " : "a ") + toy + "."), s);
      assertTrue(s.endsWith("\"Look, Dad!\" " + TemplateFiller.capitalize(st.slot("hero").field("his")) + " dad smiled."), s);
      assertTrue(s.contains("fly it high") || s.contains("fly it low") || s.contains("open it"), s);
    }
  }

  @Test
  void parseErrorsNameTheLine() {
    var cols = assertThrows(IllegalArgumentException.class,
        () -> StoryTemplates.parse("@list toy: name | verb\nball\n", "x.txt"));
    assertTrue(cols.getMessage().startsWith("x.txt:2: expected 2 columns"), cols.getMessage());
    var group = assertThrows(IllegalArgumentException.class,
        () -> StoryTemplates.parse("@plot p\n## @nothing\n", "x.txt"));
    assertTrue(group.getMessage().contains("x.txt:2: no group named nothing"), group.getMessage());
    var stray = assertThrows(IllegalArgumentException.class, () -> StoryTemplates.parse("hello\n", "x.txt"));
    assertTrue(stray.getMessage().startsWith("x.txt:1: text before any"), stray.getMessage());
  }

  @Test
  void unknownSlotsAndFieldsAreErrorsNamingTheTemplate() {
    StoryTemplates t = mini();
    StoryState st = new StoryState(t, true, new SplittableRandom(1));
    var slot = assertThrows(IllegalStateException.class, () -> TemplateFiller.fill("a {dragon} here", st));
    assertTrue(slot.getMessage().contains("unknown slot {dragon}") && slot.getMessage().contains("a {dragon} here"), slot.getMessage());
    var field = assertThrows(IllegalStateException.class, () -> TemplateFiller.fill("{toy.color}", st));
    assertTrue(field.getMessage().contains("has no field 'color'"), field.getMessage());
    assertThrows(IllegalStateException.class, () -> TemplateFiller.fill("[a|b", st));
    assertThrows(IllegalStateException.class, () -> TemplateFiller.fill("a|b", st));
  }

  @Test
  void optionsNestAndMayBeEmpty() {
    StoryState st = new StoryState(mini(), true, new SplittableRandom(5));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) seen.add(English.polish(TemplateFiller.fill("x [a [b|c]|] y.", st)));
    assertEquals(java.util.Set.of("X a b y.", "X a c y.", "X y."), seen);
  }

  @Test
  void englishFixUps() {
    assertEquals("An apple and a ball, an old hat, a unicorn and an hour.",
        English.polish("a apple and an ball, a old hat, an unicorn and a hour."));
    assertEquals("\"Hi!\" said Tom. Then he left. \"Wait,\" she said, \"but why?\" he asked. So we went.",
        English.polish("\"Hi!\" said Tom. then he left.  \"Wait,\" she said, \"but why?\" he asked. so we went."));
    assertEquals("Anna has a banana.", English.polish("anna has a banana ."));
  }
}
