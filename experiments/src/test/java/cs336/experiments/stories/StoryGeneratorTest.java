package cs336.experiments.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StoryGeneratorTest {

  static final int N = 1_500;

  @Test
  void storiesAreDeterministicInSeedAndIndex() {
    StoryGenerator a = new StoryGenerator(42), b = new StoryGenerator(42);
    // Asked in a different order, story 17 is still story 17.
    String s17 = a.story(17);
    b.story(3);
    assertEquals(s17, b.story(17));
    assertEquals(s17, new StoryGenerator(42).story(17));
    assertNotEquals(s17, new StoryGenerator(43).story(17));
    assertNotEquals(a.story(0), a.story(1));
  }

  /** Every template of every plot fills cleanly, many times, with different casts. */
  @Test
  void everyTemplateFillsWithoutLeftovers() {
    StoryTemplates t = StoryTemplates.embedded();
    int filled = 0;
    for (Plot plot : t.plots()) {
      for (Beat beat : plot.beats()) {
        for (String template : beat.alternatives()) {
          for (int k = 0; k < 12; k++) {
            StoryState st = new StoryState(t, plot.childHero(), new SplittableRandom(k * 31L + template.hashCode()));
            String s = English.polish(TemplateFiller.fill(template, st));
            assertNoLeftovers(s, plot.name() + ": " + template);
            filled++;
          }
        }
      }
    }
    assertTrue(filled > 4_000, "only " + filled + " fills");
  }

  @Test
  void thereAreSeveralHundredSentenceTemplates() {
    Set<String> distinct = new HashSet<>(StoryTemplates.embedded().allTemplates());
    assertTrue(distinct.size() >= 400, "only " + distinct.size() + " distinct templates");
    assertTrue(StoryTemplates.embedded().plots().size() >= 15);
  }

  static void assertNoLeftovers(String s, String where) {
    for (String bad : List.of("{", "}", "[", "]", "|", "  ", " ,", " .")) {
      assertFalse(s.contains(bad), () -> "'" + bad + "' left in: " + s + "\n(from " + where + ")");
    }
  }

  static final Pattern WRONG_A = Pattern.compile("\\b[Aa] [aeiAEI]\\w*");
  static final Pattern WRONG_AN = Pattern.compile("\\b[Aa]n [b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]\\w*");
  static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]+\"?");

  @Test
  void storiesLookLikeWrittenEnglish() {
    StoryGenerator gen = new StoryGenerator(1);
    for (int i = 0; i < N; i++) {
      String story = gen.story(i);
      assertNoLeftovers(story, "story " + i);
      assertFalse(story.contains(StoryCorpus.SEPARATOR), story);
      String[] paragraphs = story.split("\n");
      assertTrue(paragraphs.length >= 2, () -> "one paragraph only:\n" + story);
      for (String p : paragraphs) {
        assertTrue(Character.isUpperCase(p.codePointAt(0)) || p.startsWith("\""), () -> "paragraph starts in lower case:\n" + p);
        assertTrue(p.matches(".*[.!?]\"?"), () -> "paragraph does not end a sentence:\n" + p);
        assertFalse(p.isBlank());
      }
      Matcher a = WRONG_A.matcher(story), an = WRONG_AN.matcher(story);
      assertFalse(a.find(), () -> "'a' before a vowel: " + a.group() + "\n" + story);
      assertFalse(an.find(), () -> "'an' before a consonant: " + an.group() + "\n" + story);
      // After ". " a new sentence starts with a capital (or a quotation).
      Matcher lower = Pattern.compile("[.!?] [a-z]").matcher(story);
      assertFalse(lower.find(), () -> "sentence starts in lower case at '" + lower.group() + "':\n" + story);
      int words = story.split("\\s+").length;
      assertTrue(words >= 60 && words <= 400, () -> words + " words:\n" + story);
    }
  }

  @Test
  void storiesAreVariedNotRepetitive() {
    StoryGenerator gen = new StoryGenerator(7);
    Map<String, Integer> sentences = new HashMap<>();
    Set<String> words = new HashSet<>();
    Set<String> stories = new HashSet<>();
    Set<String> openings = new HashSet<>();
    long total = 0;
    for (int i = 0; i < N; i++) {
      String story = gen.story(i);
      stories.add(story);
      openings.add(story.substring(0, Math.min(60, story.length())));
      for (String w : story.toLowerCase().split("[^a-z']+")) if (!w.isEmpty()) words.add(w);
      Matcher m = SENTENCE.matcher(story);
      while (m.find()) {
        String sentence = m.group().strip();
        // Count real sentences, not dialogue tags like `he said.` that the split leaves over.
        if (Character.isUpperCase(sentence.charAt(0)) && sentence.split(" ").length >= 4) {
          sentences.merge(sentence, 1, Integer::sum);
          total++;
        }
      }
    }
    assertEquals(N, stories.size(), "duplicate stories");
    assertTrue(sentences.size() > total / 4, sentences.size() + " distinct of " + total + " sentences");
    assertTrue(words.size() > 1_000, "only " + words.size() + " distinct words");
    assertTrue(openings.size() > N * 0.9, "only " + openings.size() + " distinct openings");
    int worst = sentences.values().stream().max(Integer::compare).orElseThrow();
    // The commonest sentence (a stock ending like "It was the best day ever.") is in few stories.
    assertTrue(worst < N / 10, "a sentence repeats in " + worst + " of " + N + " stories");
  }

  @Test
  void everyPlotIsTold() {
    StoryGenerator gen = new StoryGenerator(3);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < 400; i++) seen.merge(gen.plotName(i), 1, Integer::sum);
    assertEquals(gen.plotCount(), seen.size(), "plots never chosen in 400 stories: " + seen);
  }

  @Test
  void charactersInAStoryHaveDistinctNames() {
    StoryTemplates t = StoryTemplates.embedded();
    for (int k = 0; k < 200; k++) {
      StoryState st = new StoryState(t, false, new SplittableRandom(k));
      assertNotEquals(st.slot("hero").text(), st.slot("friend").text());
      assertNotEquals(st.slot("toy").text(), st.slot("toy2").text());
      assertEquals(st.slot("toy").text(), st.slot("toy").text());
    }
  }
}
