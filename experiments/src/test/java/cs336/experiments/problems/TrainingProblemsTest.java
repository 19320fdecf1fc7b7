package cs336.experiments.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every training problem at {@code --scale tiny}, offline (no data folder: they fall back to
 * generated stories): each writes its README with the reproduce command, its plot, and numbers
 * that make sense.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingProblemsTest {
  @TempDir static Path runs;

  /** ln(512): the loss of guessing uniformly over the tiny scale's vocabulary. */
  static final double UNIFORM = Math.log(512);

  record Ran(int status, String out, String err, String readme) {}

  static Ran run(String problemId, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("experiment", problemId, "--scale", "tiny", "--data",
        runs.resolve("no-data").toString(), "--runs", runs.toString(), "--no-progress"));
    args.addAll(List.of(more));
    CliRun ran = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, ran.status(), () -> problemId + " failed:\n" + ran);
    Path readme = runs.resolve(problemId).resolve("README.md");
    assertTrue(Files.exists(readme), readme + " not written");
    String md = Files.readString(readme);
    assertTrue(md.startsWith("# " + problemId + ": "), md);
    assertTrue(md.contains("```sh\n./cs336 experiment " + problemId + " --scale tiny --data " + runs.resolve("no-data")
        + " --runs " + runs + "\n```"), "no reproduce command in\n" + md);
    assertTrue(md.contains("generated stories"), "the data source is not named:\n" + md);
    return new Ran(ran.status(), ran.out(), ran.err(), md);
  }

  /** The "val loss" column of the report's run table, "-" (a diverged run) as NaN. */
  static List<Double> valLosses(String md) {
    List<String> lines = md.lines().toList();
    List<Double> out = new ArrayList<>();
    int col = -1;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        col = -1;
        continue;
      }
      List<String> cells = List.of(line.substring(1, line.length() - 1).split("\\|")).stream().map(String::strip).toList();
      if (cells.contains("val loss")) {
        col = cells.indexOf("val loss");
      } else if (col >= 0 && !cells.get(0).startsWith("---")) {
        out.add(cells.get(col).equals("-") ? Double.NaN : Double.parseDouble(cells.get(col)));
      }
    }
    return out;
  }

  static void assertPlotted(String problemId, String md) throws Exception {
    assertTrue(md.contains("(curves.png)"), md);
    assertTrue(Files.size(runs.resolve(problemId).resolve("curves.png")) > 5_000);
  }

  /** Every finished run learnt something: its validation loss is well below guessing. */
  static void assertLearnt(List<Double> losses, String md) {
    assertTrue(!losses.isEmpty(), "no run table in\n" + md);
    for (double l : losses) assertTrue(Double.isNaN(l) || l < UNIFORM - 1, "validation loss " + l + " in\n" + md);
  }

  @Test
  @Order(1)
  void mainExperiment() throws Exception {
    Ran r = run("main_experiment");
    assertPlotted("main_experiment", r.readme());
    List<Double> v = valLosses(r.readme());
    assertEquals(1, v.size());
    assertLearnt(v, r.readme());
    assertTrue(r.readme().contains("## A story\n\nFrom the weights of the lowest validation loss"), r.readme());
    assertTrue(r.readme().contains("prompt `Once upon a time`"), r.readme());
    assertTrue(Files.isRegularFile(runs.resolve("main_experiment").resolve("tiny").resolve("checkpoints").resolve("best.safetensors")));
  }

  @Test
  @Order(2)
  void generateReusesTheMainExperimentsModel() throws Exception {
    Ran r = run("generate");
    assertTrue(r.out().contains("reusing " + runs.resolve("main_experiment").resolve("tiny")), r.out());
    Matcher m = Pattern.compile("\\| 0 \\(greedy\\) \\| 1\\.0 \\| (\\d+) \\| (yes|no) \\| ([\\d.]+)% \\| ([\\d.]+)% \\| ([\\d.]+) \\|")
        .matcher(r.readme());
    assertTrue(m.find(), r.readme());
    assertTrue(Double.parseDouble(m.group(3)) > 0 && Double.parseDouble(m.group(5)) < UNIFORM, m.group());
    assertTrue(r.readme().contains("> Once upon a time"), r.readme());
  }

  @Test
  @Order(3)
  void learningRateSweepIncludesADivergentRun() throws Exception {
    Ran r = run("learning_rate");
    assertPlotted("learning_rate", r.readme());
    List<Double> v = valLosses(r.readme());
    assertEquals(LearningRate.multiples(cs336.experiments.train.Scale.TINY).length, v.size());
    assertTrue(v.stream().anyMatch(d -> d.isNaN()), "no divergent run:\n" + r.readme());
    assertTrue(r.readme().contains("**diverged** at step"), r.readme());
    assertTrue(r.readme().contains("The best peak learning rate is **"), r.readme());
    assertLearnt(v.subList(2, 4), r.readme());
  }

  @Test
  @Order(4)
  void batchSizes() throws Exception {
    Ran r = run("batch_size_experiment");
    assertPlotted("batch_size_experiment", r.readme());
    List<Double> v = valLosses(r.readme());
    assertEquals(3, v.size());
    assertLearnt(v, r.readme());
    assertTrue(r.readme().contains("| 2 | ") && r.readme().contains("| 32 | "), r.readme());
  }

  @Test
  @Order(5)
  void ablations() throws Exception {
    for (String id : List.of("layer_norm_ablation", "pre_norm_ablation", "no_pos_emb", "swiglu_ablation")) {
      Ran r = run(id);
      assertPlotted(id, r.readme());
      List<Double> v = valLosses(r.readme());
      assertEquals(id.equals("layer_norm_ablation") ? 4 : 2, v.size(), r.readme());
      assertLearnt(v.subList(0, 1), r.readme());
      assertTrue(r.readme().contains("## Answer\n\n"), r.readme());
    }
  }

  @Test
  @Order(6)
  void leaderboard() throws Exception {
    Ran r = run("leaderboard");
    assertPlotted("leaderboard", r.readme());
    assertLearnt(valLosses(r.readme()), r.readme());
    assertTrue(r.readme().contains("the submitted result is **"), r.readme());
  }

  @Test
  @Order(7)
  void aSecondRunReusesFinishedRuns() throws Exception {
    Ran r = run("pre_norm_ablation");
    assertTrue(r.out().contains("reusing " + runs.resolve("pre_norm_ablation").resolve("pre-norm")), r.out());
    assertTrue(r.out().contains("reusing " + runs.resolve("pre_norm_ablation").resolve("post-norm")), r.out());
  }

  @Test
  @Order(8)
  void largerScalesWithoutDataSayHowToGetIt() {
    CliRun r = CliRun.of("experiment", "main_experiment", "--scale", "cpu", "--data", runs.resolve("no-data").toString(),
        "--runs", runs.toString());
    assertEquals(1, r.status(), r::toString);
    assertTrue(r.err().contains("./cs336 download tinystories") && r.err().contains("../shared/data"), r::toString);
  }
}
