package cs336.experiments.stories;

import java.util.List;

/**
 * A story outline: beats in order (opening, problem, attempts, resolution, ending).
 *
 * @param name its name in stories.txt, e.g. "lost_toy"
 * @param childHero whether the hero must be a child (for plots like learning to ride a bike)
 * @param beats the beats, in story order
 */
record Plot(String name, boolean childHero, List<Beat> beats) {

  Plot {
    beats = List.copyOf(beats);
  }
}
