package cs336.experiments.metrics;

import java.nio.file.Path;
import java.util.List;

/**
 * A run's logged steps as read back by {@link MetricsReader}: in increasing step order, one entry
 * per step (the last one written for it).
 *
 * @param name the run's name (its directory name, e.g. {@code lr-3e-3}), used in plot legends
 * @param file the metrics file it was read from
 * @param entries the steps, increasing; never empty
 */
public record RunMetrics(String name, Path file, List<MetricsEntry> entries) {

  public RunMetrics {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(file + " has no logged steps");
    }
  }

  /** The entries that measured the validation loss. */
  public List<MetricsEntry> validationEntries() {
    return entries.stream().filter(MetricsEntry::hasValLoss).toList();
  }

  /** The last logged step. */
  public MetricsEntry last() {
    return entries.getLast();
  }
}
