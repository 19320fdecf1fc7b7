package cs336.experiments.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simple children's stories, deterministic in (seed, index): {@code new StoryGenerator(1).story(7)}
 * is the same text on every machine and every run.
 *
 * <p>A story is a plot from {@code stories.txt} with a fresh cast (a hero, perhaps a friend, a
 * parent), fresh props (a toy, a place, a food, ...) and one alternative sentence per beat; its
 * paragraphs are separated by '\n' (as in the TinyStories files) and it has no trailing newline.
 */
public final class StoryGenerator {

  private final long seed;
  private final StoryTemplates templates;

  /** A generator of the embedded stories for {@code seed}. */
  public StoryGenerator(long seed) {
    this(seed, StoryTemplates.embedded());
  }

  StoryGenerator(long seed, StoryTemplates templates) {
    this.seed = seed;
    this.templates = templates;
  }

  /** Story number {@code index} (0, 1, 2, ...) of this seed. */
  public String story(long index) {
    SplittableRandom random = new SplittableRandom(mix(seed, index));
    Plot plot = choosePlot(random);
    return tell(plot, new StoryState(templates, plot.childHero(), random));
  }

  /** The name of the plot story {@code index} follows (for tests and statistics). */
  String plotName(long index) {
    return choosePlot(new SplittableRandom(mix(seed, index))).name();
  }

  private Plot choosePlot(SplittableRandom random) {
    List<Plot> plots = templates.plots();
    return plots.get(random.nextInt(plots.size()));
  }

  /** The number of plots in the embedded templates. */
  public int plotCount() {
    return templates.plots().size();
  }

  static String tell(Plot plot, StoryState state) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (Beat beat : plot.beats()) {
      if (beat.optional() && state.random.nextBoolean()) continue;
      if (beat.newParagraph() && !current.isEmpty()) {
        paragraphs.add(English.polish(current.toString()));
        current.setLength(0);
      }
      String template = beat.alternatives().get(state.random.nextInt(beat.alternatives().size()));
      if (!current.isEmpty()) current.append(' ');
      // Every beat starts a sentence, even after a beat that ended with a quotation.
      current.append(TemplateFiller.capitalize(TemplateFiller.fill(template, state)));
    }
    if (!current.isEmpty()) paragraphs.add(English.polish(current.toString()));
    return String.join("\n", paragraphs);
  }

  /** A well-mixed seed for story {@code index} (SplitMix64's finaliser over seed and index). */
  static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
