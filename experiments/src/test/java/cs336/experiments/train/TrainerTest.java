package cs336.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.data.PreparedData;
import cs336.experiments.metrics.MetricsEntry;
import cs336.experiments.metrics.MetricsReader;
import cs336.experiments.metrics.RunMetrics;
import cs336.experiments.metrics.RunSummary;
import cs336.nn.checkpoint.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole training run in this JVM: what it writes, divergence, the time budget. */
class TrainerTest {
  @TempDir static Path tmp;
  static PreparedData data;

  @BeforeAll
  static void data() throws Exception {
    data = TinyData.in(tmp.resolve("data"));
  }

  static TrainResult train(TrainConfig c, String name) throws Exception {
    return Trainer.train(c, new Trainer.Options(tmp.resolve(name), false, false,
        new PrintStream(new ByteArrayOutputStream())));
  }

  @Test
  void aRunWritesItsConfigMetricsCheckpointsSummaryAndCurves() throws Exception {
    TrainConfig c = TinyData.config(data, 40);
    TrainResult r = train(c, "plain");
    assertEquals(TrainResult.Status.FINISHED, r.status());
    assertEquals(40, r.steps());
    Path dir = r.runDir();
    assertEquals(c, TrainConfigs.read(dir));
    RunMetrics m = MetricsReader.read(dir);
    assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L), m.entries().stream().map(MetricsEntry::step).toList());
    assertEquals(List.of(10L, 20L, 30L, 40L), m.validationEntries().stream().map(MetricsEntry::step).toList());
    double first = m.entries().getFirst().trainLoss(), last = m.last().trainLoss();
    assertTrue(last < first - 1, "the loss did not fall: " + first + " -> " + last);
    assertTrue(r.valLoss() < Math.log(c.vocabSize()), "validation loss " + r.valLoss());
    assertEquals(m.last().valLoss(), r.valLoss());
    for (MetricsEntry e : m.entries()) {
      assertEquals(e.step() * 8 * 32, e.tokens());
      assertTrue(e.gradNorm() > 0 && e.lr() > 0 && e.tokensPerS() > 0, e.toString());
    }
    // every 10 steps and at the end, the last two kept
    assertEquals(List.of(CheckpointFiles.file(dir, 30), CheckpointFiles.file(dir, 40)), CheckpointFiles.list(dir));
    assertEquals(r.checkpoint(), CheckpointFiles.file(dir, 40));
    assertEquals(40, Checkpoint.read(r.checkpoint()).iteration());
    RunSummary s = RunSummary.read(dir);
    assertEquals("finished", s.status());
    assertEquals(40, s.steps());
    // best.safetensors: the weights of the lowest validation loss, beside (not among) the step files
    Checkpoint best = Checkpoint.read(CheckpointFiles.best(dir));
    assertEquals(s.bestValStep(), best.iteration());
    assertEquals(s.bestValLoss(), Double.parseDouble(best.extra().get("best_val_loss")));
    assertEquals(CheckpointFiles.best(dir), r.bestCheckpoint());
    assertTrue(Files.size(dir.resolve("curves.png")) > 1000);
  }

  @Test
  void aDivergingRunStopsAndKeepsItsLastGoodCheckpoint() throws Exception {
    // warm up for 20 steps to a peak of 30: checkpoints at 10 while it still trains, then it blows up
    TrainConfig c = TrainConfigs.with(TinyData.config(data, 200), Map.of("lr", 30.0, "min_lr", 30.0, "warmup_iters", 20,
        "checkpoint_every", 5, "keep_checkpoints", 50, "eval_every", 5));
    TrainResult r = train(c, "diverges");
    assertEquals(TrainResult.Status.DIVERGED, r.status(), r.message());
    assertTrue(r.steps() < 200, r.message());
    assertTrue(r.message().startsWith("diverged: "), r.message());
    assertNotNull(r.checkpoint(), r.message());
    long kept = CheckpointFiles.step(CheckpointFiles.latest(r.runDir()));
    assertTrue(kept < r.steps(), "a checkpoint of the diverged weights was written: " + kept);
    assertTrue(r.message().contains(r.checkpoint().toString()), r.message());
    RunSummary s = RunSummary.read(r.runDir());
    assertEquals("diverged", s.status());
    // the lowest validation loss came before the blow-up, and best.safetensors holds those weights
    Checkpoint best = Checkpoint.read(r.bestCheckpoint());
    assertEquals(CheckpointFiles.best(r.runDir()), r.bestCheckpoint());
    assertEquals(s.bestValStep(), best.iteration());
    assertTrue(best.iteration() < r.steps(), "best at " + best.iteration() + " of " + r.steps());
    // the kept checkpoint is whole and finite
    Checkpoint ck = Checkpoint.read(r.checkpoint());
    var model = ck.newModel();
    for (float w : model.arena().params().toFloatArray()) assertTrue(Float.isFinite(w));
  }

  @Test
  void aTimeBudgetChoosesTheStepCountAtTheEndOfTheWarmup() throws Exception {
    TrainConfig c = TrainConfigs.with(TinyData.config(data, 1),
        Map.of("max_minutes", 0.05, "warmup_iters", 16, "checkpoint_every", 1000)).withMaxIters(1);
    c = TrainConfigs.with(c, java.util.Collections.singletonMap("max_iters", null));
    c = TrainConfigs.with(c, java.util.Collections.singletonMap("cosine_cycle_iters", null));
    assertNull(c.maxIters());
    TrainResult r = train(c, "budget");
    TrainConfig saved = TrainConfigs.read(r.runDir());
    assertNotNull(saved.maxIters());
    assertEquals(saved.maxIters(), saved.cosineCycleIters());
    assertTrue(saved.maxIters() >= 16, "max_iters " + saved.maxIters());
    assertTrue(r.status() == TrainResult.Status.FINISHED || r.status() == TrainResult.Status.TIME_LIMIT, r.message());
    assertTrue(r.seconds() < 3 * 60 * 0.05 + 5, "ran " + r.seconds() + " s of a 3 s budget");
  }
}
