package cs336.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

  @TempDir Path tmp;

  static MetricsEntry entry(long step, Double val) {
    return new MetricsEntry(step, step * 2048, step * 0.5, 10.0 / (step + 1), val, 1e-3, 0.5, 4096.0);
  }

  @Test
  void writesOneJsonLinePerStepWithTheDocumentedFieldNames() throws IOException {
    Path run = tmp.resolve("runs/a");
    try (MetricsLog log = MetricsLog.open(run)) {
      log.append(new MetricsEntry(10, 20480, 5.25, 3.5, null, 0.001, 0.75, 4000.0));
      log.append(new MetricsEntry(20, 40960, 10.5, 3.25, 3.375, 0.0005, 0.5, 3900.5));
    }
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(List.of(
        "{\"step\":10,\"tokens\":20480,\"seconds\":5.25,\"train_loss\":3.5,\"lr\":0.001,\"grad_norm\":0.75,\"tokens_per_s\":4000.0}",
        "{\"step\":20,\"tokens\":40960,\"seconds\":10.5,\"train_loss\":3.25,\"val_loss\":3.375,\"lr\":5.0E-4,\"grad_norm\":0.5,\"tokens_per_s\":3900.5}"),
        lines);
  }

  @Test
  void readsBackWhatWasWritten() throws IOException {
    Path run = tmp.resolve("b");
    try (MetricsLog log = MetricsLog.open(run)) {
      for (int s = 0; s <= 50; s += 10) log.append(entry(s, s % 20 == 0 ? 2.0 + s : null));
    }
    RunMetrics m = MetricsReader.read(run);
    assertEquals("b", m.name());
    assertEquals(6, m.entries().size());
    assertEquals(entry(30, null), m.entries().get(3));
    assertEquals(List.of(0L, 20L, 40L), m.validationEntries().stream().map(MetricsEntry::step).toList());
    // The metrics file itself is accepted too.
    assertEquals(m, MetricsReader.read(run.resolve("metrics.jsonl")));
  }

  @Test
  void nanAndInfinityLossesRoundTrip() throws IOException {
    Path run = tmp.resolve("diverged");
    try (MetricsLog log = MetricsLog.open(run)) {
      log.append(new MetricsEntry(1, 10, 1, Double.POSITIVE_INFINITY, Double.NaN, 1, Double.NaN, 1));
    }
    MetricsEntry e = MetricsReader.read(run).last();
    assertEquals(Double.POSITIVE_INFINITY, e.trainLoss());
    assertTrue(Double.isNaN(e.valLoss()) && Double.isNaN(e.gradNorm()));
  }

  @Test
  void anUnterminatedLastLineFromAKilledRunIsIgnoredAndCutOffOnReopen() throws IOException {
    Path run = tmp.resolve("killed");
    try (MetricsLog log = MetricsLog.open(run)) {
      log.append(entry(1, null));
      log.append(entry(2, null));
    }
    Path file = run.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":3,\"tokens\":61", StandardOpenOption.APPEND);
    assertEquals(2, MetricsReader.read(run).entries().size());

    try (MetricsLog log = MetricsLog.open(run)) {
      log.append(entry(3, 1.5));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size(), () -> "partial line was not cut off:\n" + lines);
    assertEquals(List.of(1L, 2L, 3L), MetricsReader.read(run).entries().stream().map(MetricsEntry::step).toList());
  }

  @Test
  void aResumedRunReplacesEveryEarlierEntryFromItsStepOn() throws IOException {
    Path run = tmp.resolve("resumed");
    try (MetricsLog log = MetricsLog.open(run)) {
      for (int s = 10; s <= 70; s += 10) log.append(entry(s, null)); // killed after step 70
    }
    try (MetricsLog log = MetricsLog.open(run)) {
      // resumed from the checkpoint at step 40, now logging every 15 steps
      log.append(new MetricsEntry(40, 1, 1, 9.0, null, 1, 1, 1));
      log.append(new MetricsEntry(55, 1, 1, 8.0, null, 1, 1, 1));
    }
    RunMetrics m = MetricsReader.read(run);
    assertEquals(List.of(10L, 20L, 30L, 40L, 55L), m.entries().stream().map(MetricsEntry::step).toList());
    assertEquals(9.0, m.entries().get(3).trainLoss());
  }

  @Test
  void aBrokenLineInTheMiddleIsAnErrorNamingFileAndLine() throws IOException {
    Path file = tmp.resolve("c/metrics.jsonl");
    Files.createDirectories(file.getParent());
    String good = "{\"step\":1,\"tokens\":1,\"seconds\":1,\"train_loss\":1,\"lr\":1,\"grad_norm\":1,\"tokens_per_s\":1}\n";
    Files.writeString(file, good + "{\"step\":2,\"tokens\":1}\n" + good);
    var ex = assertThrows(IllegalArgumentException.class, () -> MetricsReader.read(file.getParent()));
    assertTrue(ex.getMessage().contains("metrics.jsonl:2:") && ex.getMessage().contains("seconds"), ex.getMessage());

    Files.writeString(file, good + "{\"step\":2,\"tokens\":1,\"seconds\":1,\"train_loss\":1,\"lr\":1,\"grad_norm\":1,\"tokens_per_s\":1,\"loss\":2}\n");
    ex = assertThrows(IllegalArgumentException.class, () -> MetricsReader.read(file.getParent()));
    assertTrue(ex.getMessage().contains("metrics.jsonl:2:") && ex.getMessage().contains("loss"), ex.getMessage());
  }

  @Test
  void missingAndEmptyMetricsAreClearErrors() throws IOException {
    Path run = tmp.resolve("nothing");
    Files.createDirectories(run);
    var missing = assertThrows(IOException.class, () -> MetricsReader.read(run));
    assertTrue(missing.getMessage().contains("has no metrics.jsonl"), missing.getMessage());
    Files.writeString(run.resolve("metrics.jsonl"), "\n", StandardCharsets.UTF_8);
    var empty = assertThrows(IllegalArgumentException.class, () -> MetricsReader.read(run));
    assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
    var noDir = assertThrows(IOException.class, () -> MetricsReader.read(tmp.resolve("absent")));
    assertTrue(noDir.getMessage().contains("does not exist"), noDir.getMessage());
  }

  @Test
  void summaryOfARunRoundTripsThroughSummaryJson() throws IOException {
    Path run = tmp.resolve("s");
    try (MetricsLog log = MetricsLog.open(run)) {
      log.append(entry(10, 4.0));
      log.append(entry(20, 3.0));
      log.append(entry(30, 3.5));
      log.append(entry(40, null));
    }
    RunSummary s = RunSummary.of(MetricsReader.read(run), "finished");
    assertEquals(40, s.steps());
    assertEquals(3.5, s.valLoss());
    assertEquals(3.0, s.bestValLoss());
    assertEquals(20L, s.bestValStep());
    assertEquals(40 * 2048 / 20.0, s.tokensPerS(), 1e-9);
    s.write(run);
    assertEquals(s, RunSummary.read(run));
    assertTrue(Files.readString(run.resolve("summary.json")).contains("\"best_val_step\" : 20"));
  }

  @Test
  void summaryWithoutValidationOmitsItsFields() throws IOException {
    Path run = tmp.resolve("noval");
    try (MetricsLog log = MetricsLog.open(run)) {
      log.append(entry(5, null));
    }
    RunSummary s = RunSummary.of(MetricsReader.read(run), "interrupted");
    assertNull(s.valLoss());
    assertNull(s.bestValStep());
    s.write(run);
    assertTrue(!Files.readString(run.resolve("summary.json")).contains("val_loss"));
    assertEquals(s, RunSummary.read(run));
  }
}
