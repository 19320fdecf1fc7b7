package cs336.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.experiments.Cli;
import cs336.experiments.metrics.MetricsEntry;
import cs336.experiments.metrics.MetricsLog;
import cs336.experiments.metrics.MetricsReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LossCurvesTest {

  @TempDir Path tmp;

  /** A synthetic run: loss decaying like a learning curve, validation every 50 steps. */
  Path syntheticRun(String name, double rate, double secondsPerStep, boolean diverges) throws IOException {
    Path dir = tmp.resolve("runs").resolve(name);
    try (MetricsLog log = MetricsLog.open(dir)) {
      for (int step = 10; step <= 300; step += 10) {
        double loss = diverges && step > 200 ? Double.NaN : 1.5 + 7.7 * Math.exp(-rate * step);
        Double val = step % 50 == 0 ? loss + 0.1 : null;
        log.append(new MetricsEntry(step, step * 4096L, step * secondsPerStep, loss, val, 1e-3, 1.0, 4096 / secondsPerStep));
      }
    }
    return dir;
  }

  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static BufferedImage assertValidPng(Path png) throws IOException {
    assertTrue(Files.exists(png), png + " was not written");
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "not a PNG signature");
    assertTrue(bytes.length > 20_000, "suspiciously small PNG: " + bytes.length + " bytes");
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(2 * LossCurves.CHART_WIDTH, img.getWidth());
    assertEquals(LossCurves.CHART_HEIGHT, img.getHeight());
    return img;
  }

  @Test
  void drawsSeveralRunsSideBySideInOnePng() throws IOException {
    Path png = tmp.resolve("out/curves.png");
    LossCurves.write(List.of(
        MetricsReader.read(syntheticRun("lr-1e-3", 0.01, 0.5, false)),
        MetricsReader.read(syntheticRun("lr-3e-3", 0.02, 0.6, false)),
        MetricsReader.read(syntheticRun("lr-1e-1", 0.05, 0.5, true))), png, "learning rate sweep");
    BufferedImage img = assertValidPng(png);
    // The first run's color (Tableau blue) is drawn in both halves.
    assertTrue(hasColor(img, 0, LossCurves.CHART_WIDTH, 0x1f77b4), "no blue curve on the left");
    assertTrue(hasColor(img, LossCurves.CHART_WIDTH, 2 * LossCurves.CHART_WIDTH, 0x1f77b4), "no blue curve on the right");
    assertTrue(hasColor(img, 0, LossCurves.CHART_WIDTH, 0x2ca02c), "diverged run's finite part is missing");
  }

  static boolean hasColor(BufferedImage img, int x0, int x1, int rgb) {
    for (int x = x0; x < x1; x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xffffff) == rgb) return true;
      }
    }
    return false;
  }

  static Object[] cli(String... args) {
    CommandLine cl = Cli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    return new Object[] {cl.execute(args), err.toString()};
  }

  @Test
  void plotCommandWritesThePng() throws IOException {
    Path a = syntheticRun("a", 0.01, 1, false);
    Path b = syntheticRun("b", 0.03, 2, false);
    Path png = tmp.resolve("curves.png");
    Object[] r = cli("plot", a.toString(), b.resolve("metrics.jsonl").toString(), "--out", png.toString());
    assertEquals(0, r[0], () -> "stderr: " + r[1]);
    assertValidPng(png);
  }

  @Test
  void plotCommandNamesAMissingOrEmptyMetricsFile() throws IOException {
    Path empty = tmp.resolve("runs/empty");
    Files.createDirectories(empty);
    Object[] missing = cli("plot", empty.toString(), "--out", tmp.resolve("x.png").toString());
    assertEquals(1, missing[0]);
    assertTrue(((String) missing[1]).contains(empty + " has no metrics.jsonl"), (String) missing[1]);

    Files.writeString(empty.resolve("metrics.jsonl"), "");
    Object[] isEmpty = cli("plot", empty.toString(), "--out", tmp.resolve("x.png").toString());
    assertEquals(1, isEmpty[0]);
    assertTrue(((String) isEmpty[1]).contains("metrics.jsonl is empty"), (String) isEmpty[1]);
    assertTrue(!Files.exists(tmp.resolve("x.png")));

    Object[] notPng = cli("plot", syntheticRun("c", 0.01, 1, false).toString(), "--out", tmp.resolve("x.jpg").toString());
    assertEquals(1, notPng[0]);
    assertTrue(((String) notPng[1]).contains("--out must name a .png"), (String) notPng[1]);
  }

  @Test
  void runsWithTheSameDirectoryNameGetDistinctLegends() throws IOException {
    Path one = syntheticRun("same", 0.01, 1, false);
    Path otherDir = tmp.resolve("elsewhere/same");
    Files.createDirectories(otherDir);
    Files.copy(one.resolve("metrics.jsonl"), otherDir.resolve("metrics.jsonl"));
    List<String> names = LossCurves.legendNames(List.of(MetricsReader.read(one), MetricsReader.read(otherDir)));
    assertEquals(2, names.stream().distinct().count(), names.toString());
  }
}
