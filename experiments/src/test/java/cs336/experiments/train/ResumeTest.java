package cs336.experiments.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.Cli;
import cs336.experiments.data.PreparedData;
import cs336.experiments.metrics.MetricsEntry;
import cs336.experiments.metrics.MetricsReader;
import cs336.experiments.metrics.RunSummary;
import cs336.nn.checkpoint.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-way (SIGKILL) or stopped with Ctrl-C (SIGINT), in a JVM of its own, then resumed
 * with --resume, gives the same metrics, bit for bit, and the same final weights as a run that was
 * never stopped. The killed JVM compiles its kernels from scratch, so this also catches kernels
 * whose results change when the JIT compiler replaces interpreted code.
 */
class ResumeTest {
  @TempDir static Path tmp;
  static PreparedData data;
  static Path configFile;
  static Path uninterrupted;

  static final long STEPS = 150;

  @BeforeAll
  static void runUninterrupted() throws Exception {
    data = TinyData.in(tmp.resolve("data"));
    configFile = tmp.resolve("run.json");
    Files.writeString(configFile, TrainConfigs.toJson(TinyData.config(data, STEPS)));
    assertEquals(0, Cli.run("train", "--config", configFile.toString(), "--runs", tmp.toString(), "--name", "full",
        "--no-progress", "--no-sample"));
    uninterrupted = tmp.resolve("full");
  }

  /** A child JVM running {@code ./cs336 train} on the test config as run {@code name}. */
  static Process startChild(String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xmx1g", "-cp", cp, Cli.class.getName(), "train",
        "--config", configFile.toString(), "--runs", tmp.toString(), "--name", name, "--no-progress", "--no-sample"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
  }

  /** Waits until the child has written the checkpoint of step 20 (it is then mid-run). */
  static void awaitCheckpoint(Process p, String name) throws Exception {
    Path ck = CheckpointFiles.file(tmp.resolve(name), 20);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(ck)) {
      assertTrue(p.isAlive(), () -> name + " ended before its checkpoint at step 20:\n" + log(name));
      assertTrue(System.nanoTime() < deadline, "no checkpoint at step 20 after 2 minutes");
      Thread.sleep(5);
    }
  }

  static String log(String name) {
    try {
      return Files.readString(tmp.resolve(name + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Resumes run {@code name} in this JVM and compares it with the uninterrupted one. */
  static void resumeAndCompare(String name) throws Exception {
    assertEquals(0, Cli.run("train", "--runs", tmp.toString(), "--name", name, "--resume", "--no-progress", "--no-sample"));
    List<MetricsEntry> a = MetricsReader.read(uninterrupted).entries(), b = MetricsReader.read(tmp.resolve(name)).entries();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      MetricsEntry x = a.get(i), y = b.get(i);
      String at = "step " + x.step() + ": uninterrupted " + x + "\n resumed " + y;
      assertEquals(x.step(), y.step(), at);
      assertEquals(x.tokens(), y.tokens(), at);
      assertEquals(Double.doubleToLongBits(x.trainLoss()), Double.doubleToLongBits(y.trainLoss()), at);
      assertEquals(x.valLoss() == null, y.valLoss() == null, at);
      if (x.valLoss() != null) assertEquals(Double.doubleToLongBits(x.valLoss()), Double.doubleToLongBits(y.valLoss()), at);
      assertEquals(Double.doubleToLongBits(x.lr()), Double.doubleToLongBits(y.lr()), at);
      assertEquals(Double.doubleToLongBits(x.gradNorm()), Double.doubleToLongBits(y.gradNorm()), at);
    }
    float[] wa = Checkpoint.read(CheckpointFiles.latest(uninterrupted)).newModel().arena().params().toFloatArray();
    float[] wb = Checkpoint.read(CheckpointFiles.latest(tmp.resolve(name))).newModel().arena().params().toFloatArray();
    assertArrayEquals(wa, wb, "final weights differ");
    assertEquals("finished", RunSummary.read(tmp.resolve(name)).status());
  }

  @Test
  void killedWithSigkillAndResumedGivesTheSameLossesBitForBit() throws Exception {
    Process p = startChild("killed");
    awaitCheckpoint(p, "killed");
    p.destroyForcibly();                                   // SIGKILL: no hook, no last words
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertFalse(Files.exists(tmp.resolve("killed").resolve(RunSummary.FILE_NAME)), "the run ended before it was killed");
    long kept = CheckpointFiles.step(CheckpointFiles.latest(tmp.resolve("killed")));
    assertTrue(kept >= 20 && kept < STEPS, "latest checkpoint at " + kept);
    resumeAndCompare("killed");
  }

  @Test
  void ctrlCWritesACheckpointExitsCleanlyAndResumesExactly() throws Exception {
    Process p = startChild("stopped");
    awaitCheckpoint(p, "stopped");
    String signal = sigintIgnored(p.pid()) ? "TERM" : "INT";
    if (signal.equals("TERM")) {
      // A JVM started with SIGINT ignored (a background job) keeps it ignored; SIGTERM takes the same path.
      System.out.println("SIGINT is ignored in this environment; stopping with SIGTERM instead");
    }
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop after SIG" + signal);
    assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), log("stopped"));
    String out = log("stopped");
    assertTrue(out.contains("interrupted at step "), out);
    assertFalse(out.contains("Exception"), out);
    assertEquals("interrupted", RunSummary.read(tmp.resolve("stopped")).status());
    long kept = CheckpointFiles.step(CheckpointFiles.latest(tmp.resolve("stopped")));
    assertTrue(out.contains("interrupted at step " + kept + ": checkpoint "), out);
    assertTrue(kept >= 20 && kept < STEPS, "checkpoint at " + kept);
    resumeAndCompare("stopped");
  }

  /** Whether process {@code pid} ignores SIGINT (bit 1 of SigIgn in /proc/pid/status). */
  static boolean sigintIgnored(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) return false;
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 2) != 0;
    }
    return false;
  }
}
