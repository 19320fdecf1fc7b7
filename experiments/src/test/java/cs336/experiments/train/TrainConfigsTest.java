package cs336.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import cs336.experiments.cli.TrainFlags;
import cs336.nn.layers.TransformerConfig;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, presets, config files and flags, merged in that order; resume rules; checks. */
class TrainConfigsTest {
  @TempDir Path tmp;

  @Test
  void defaultsAreTheHandoutsTinyStoriesRun() {
    TrainConfig c = TrainConfig.defaults().resolved(null);
    assertEquals(TransformerConfig.tinyStories(), c.model());
    assertEquals(32, c.batchSize());
    assertEquals(40_000L, c.maxIters());
    assertEquals(327_680_000L, c.maxIters() * c.tokensPerStep());
    assertEquals(40_000L, c.cosineCycleIters());
  }

  @Test
  void everySettingHasAFlag() {
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    Set<String> flagged = new HashSet<>();
    for (Field f : TrainFlags.class.getDeclaredFields()) flagged.add(snake.translate(f.getName()));
    for (String key : TrainConfigs.keys()) assertTrue(flagged.contains(key), "no flag sets " + key);
  }

  @Test
  void laterSourcesWinKeyByKey() throws Exception {
    Path file = tmp.resolve("c.json");
    Files.writeString(file, "{\"d_model\": 96, \"lr\": 0.5, \"norm\": \"POST\"}");
    TrainConfig c = TrainConfigs.merge(Scale.TINY, file, Map.of("lr", 0.01, "num_heads", 4));
    assertEquals(64, c.contextLength());          // the preset
    assertEquals(96, c.dModel());                 // the file over the preset
    assertEquals(0.01, c.lr());                   // the flag over the file
    assertEquals(TransformerConfig.Norm.POST, c.norm());
    assertEquals(0.9, c.beta1());                 // the defaults
    assertEquals(256, c.resolved(null).dFf());    // 8/3 * 96 = 256
    assertEquals(384, TrainConfigs.with(c, Map.of("ffn", "silu")).resolved(null).dFf());
  }

  @Test
  void aTypoInAFileIsAnErrorNamingFileAndKey() throws Exception {
    Path file = tmp.resolve("typo.json");
    Files.writeString(file, "{\"learning_rate\": 0.1}");
    var e = assertThrows(IllegalArgumentException.class, () -> TrainConfigs.merge(null, file, Map.of()));
    assertTrue(e.getMessage().contains("typo.json") && e.getMessage().contains("learning_rate"), e.getMessage());
    Files.writeString(file, "{\"d_model\": \"wide\"}");
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfigs.merge(null, file, Map.of()));
    assertTrue(e.getMessage().contains("d_model"), e.getMessage());
    Files.writeString(file, "[1, 2]");
    assertThrows(IllegalArgumentException.class, () -> TrainConfigs.merge(null, file, Map.of()));
  }

  @Test
  void aBudgetWithoutAStepCountLetsTheBudgetDecide() throws Exception {
    assertNull(TrainConfigs.merge(Scale.TINY, null, Map.of("max_minutes", 2.0)).maxIters());
    assertEquals(50L, TrainConfigs.merge(Scale.TINY, null, Map.of("max_minutes", 2.0, "max_iters", 50)).maxIters());
    assertNull(TrainConfigs.merge(Scale.CPU, null, Map.of()).maxIters());
    assertEquals(20.0, TrainConfigs.merge(Scale.CPU, null, Map.of()).maxMinutes());
  }

  @Test
  void derivedSettings() {
    TrainConfig c = TrainConfig.defaults();
    assertEquals(10_000, c.resolved(null).vocabSize());
    assertEquals(2_000, c.resolved(2_000).vocabSize());
    assertEquals(1_344, c.resolved(null).dFf());
    TrainConfig timed = TrainConfigs.with(c, java.util.Collections.singletonMap("max_iters", null)).resolved(null);
    assertNull(timed.cosineCycleIters());
    TrainConfig chosen = timed.withMaxIters(1_234);
    assertEquals(1_234L, chosen.maxIters());
    assertEquals(1_234L, chosen.cosineCycleIters());
    assertEquals(400L, timed.withMaxIters(100).cosineCycleIters());   // never before the warmup ends
  }

  @Test
  void validationListsEveryProblem() {
    TrainConfig bad = TrainConfigs.with(TrainConfig.defaults(), Map.of("d_model", 100, "dtype", "bf16", "batch_size", 0))
        .resolved(null);
    var e = assertThrows(IllegalArgumentException.class, bad::validate);
    assertTrue(e.getMessage().contains("multiple of num_heads"), e.getMessage());
    assertTrue(e.getMessage().contains("bf16 needs device cuda"), e.getMessage());
    assertTrue(e.getMessage().contains("batch_size"), e.getMessage());
    TrainConfig.defaults().resolved(null).validate();
  }

  @Test
  void resumeAcceptsOnlyChangesThatKeepTheRun() throws Exception {
    TrainConfig saved = TrainConfig.defaults().resolved(null);
    TrainConfig longer = TrainConfigs.mergeForResume(saved, null, Map.of("max_iters", 50_000, "threads", 1), tmp);
    assertEquals(50_000L, longer.maxIters());
    assertEquals(40_000L, longer.cosineCycleIters());     // the schedule stays
    assertEquals(saved, TrainConfigs.mergeForResume(saved, null, Map.of("lr", 1e-3, "d_model", 512), tmp));
    var e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfigs.mergeForResume(saved, null, Map.of("lr", 3e-3), tmp));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
  }

  @Test
  void jsonRoundTripsAndSameRunIgnoresAChosenStepCount() throws Exception {
    TrainConfig c = TrainConfigs.merge(Scale.CPU, null, Map.of()).resolved(2_000);
    assertEquals(c, TrainConfigs.parse(TrainConfigs.toJson(c)));
    assertTrue(TrainConfigs.toJson(c).contains("\"norm\" : \"pre\""), TrainConfigs.toJson(c));
    assertTrue(TrainConfigs.sameRun(c, c.withMaxIters(3_000)));
    assertFalse(TrainConfigs.sameRun(c.withMaxIters(2_000), c.withMaxIters(3_000)));
    assertFalse(TrainConfigs.sameRun(c, TrainConfigs.with(c, Map.of("lr", 1.0))));
  }
}
