package cs336.experiments.stories;

import java.util.List;

/**
 * One step of a plot: the alternative sentences (templates) a story chooses one of.
 *
 * @param name the beat's name in stories.txt, for error messages (e.g. "lost_toy/search")
 * @param alternatives the templates, one chosen per story
 * @param optional whether a story may skip it (half of them do)
 * @param newParagraph whether it starts a new paragraph
 */
record Beat(String name, List<String> alternatives, boolean optional, boolean newParagraph) {

  Beat {
    alternatives = List.copyOf(alternatives);
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("beat " + name + " has no sentences");
    }
  }
}
