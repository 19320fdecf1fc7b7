package cs336.experiments.plot;

import cs336.experiments.metrics.MetricsEntry;
import cs336.experiments.metrics.RunMetrics;
import cs336.experiments.util.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws learning curves: for each run, its training loss (solid line) and validation loss (dashed,
 * with a marker per measurement), against optimizer steps on the left and against wall-clock time
 * on the right, in one PNG. Both series of a run share a color; the legend names runs.
 * Non-finite losses (a diverged run) are left out, so the curve stops where the run blew up.
 */
public final class LossCurves {

  static {
    // Must be set before AWT initialises: there is no display on servers and CI.
    System.setProperty("java.awt.headless", "true");
  }

  /** Size of each of the two charts, in pixels. */
  public static final int CHART_WIDTH = 800;
  public static final int CHART_HEIGHT = 560;

  /** Distinguishable colors (Tableau 10), one per run, cycling after ten runs. */
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
      new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private LossCurves() {}

  /**
   * Writes the two charts side by side to {@code png} (atomically) and returns it.
   *
   * @param runs the runs to draw, each with at least one logged step
   * @param title the figure's title, shown above both charts (e.g. "learning rate sweep")
   */
  public static Path write(List<RunMetrics> runs, Path png, String title) throws IOException {
    BufferedImage image = render(runs, title);
    AtomicFiles.write(png, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this Java runtime");
      }
    });
    return png;
  }

  /** Both charts side by side in one image. */
  public static BufferedImage render(List<RunMetrics> runs, String title) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to plot");
    }
    List<String> names = legendNames(runs);
    double maxSeconds = runs.stream().mapToDouble(r -> r.last().seconds()).max().orElse(0);
    TimeUnit unit = TimeUnit.forSpan(maxSeconds);

    XYChart bySteps = chart(title + " (loss vs steps)", "step");
    XYChart byTime = chart(title + " (loss vs wall-clock time)", "wall-clock time (" + unit.label + ")");
    for (int i = 0; i < runs.size(); i++) {
      Color color = PALETTE[i % PALETTE.length];
      addRun(bySteps, runs.get(i), names.get(i), color, e -> e.step());
      addRun(byTime, runs.get(i), names.get(i), color, e -> e.seconds() / unit.seconds);
    }
    if (bySteps.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("no finite losses to plot in " + names);
    }
    BufferedImage left = BitmapEncoder.getBufferedImage(bySteps);
    BufferedImage right = BitmapEncoder.getBufferedImage(byTime);
    BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(),
        Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, both.getWidth(), both.getHeight());
      g.drawImage(left, 0, 0, null);
      g.drawImage(right, left.getWidth(), 0, null);
    } finally {
      g.dispose();
    }
    return both;
  }

  private static XYChart chart(String title, String xTitle) {
    XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
        .title(title).xAxisTitle(xTitle).yAxisTitle("loss (nats/token)").build();
    var s = chart.getStyler();
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotGridLinesVisible(true);
    s.setAntiAlias(true);
    return chart;
  }

  private static void addRun(XYChart chart, RunMetrics run, String name, Color color, ToDoubleFunction<MetricsEntry> x) {
    List<MetricsEntry> train = finite(run.entries(), MetricsEntry::trainLoss);
    List<MetricsEntry> val = finite(run.validationEntries(), MetricsEntry::valLoss);
    if (!train.isEmpty()) {
      XYSeries s = chart.addSeries(name + " train", xs(train, x), ys(train, MetricsEntry::trainLoss));
      s.setLineColor(color);
      s.setLineStyle(SeriesLines.SOLID);
      // A single point has no line to show; give it a marker.
      s.setMarker(train.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      s.setMarkerColor(color);
    }
    if (!val.isEmpty()) {
      XYSeries s = chart.addSeries(name + " val", xs(val, x), ys(val, MetricsEntry::valLoss));
      s.setLineColor(color);
      s.setLineStyle(SeriesLines.DASH_DASH);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(color);
    }
  }

  private static List<MetricsEntry> finite(List<MetricsEntry> entries, ToDoubleFunction<MetricsEntry> y) {
    return entries.stream().filter(e -> Double.isFinite(y.applyAsDouble(e))).toList();
  }

  private static double[] xs(List<MetricsEntry> entries, ToDoubleFunction<MetricsEntry> x) {
    return entries.stream().mapToDouble(x).toArray();
  }

  private static double[] ys(List<MetricsEntry> entries, ToDoubleFunction<MetricsEntry> y) {
    return entries.stream().mapToDouble(y).toArray();
  }

  /** Run names for the legend; when two runs share a directory name, their paths tell them apart. */
  static List<String> legendNames(List<RunMetrics> runs) {
    Set<String> seen = new HashSet<>();
    Set<String> clash = new HashSet<>();
    for (RunMetrics r : runs) {
      if (!seen.add(r.name())) clash.add(r.name());
    }
    List<String> names = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (RunMetrics r : runs) {
      String n = clash.contains(r.name()) ? r.file().getParent() == null ? r.file().toString() : r.file().getParent().toString() : r.name();
      String unique = n;
      for (int k = 2; !used.add(unique); k++) unique = n + " (" + k + ")";
      names.add(unique);
    }
    return names;
  }

  /** The wall-clock axis unit, chosen so the numbers stay readable. */
  private enum TimeUnit {
    SECONDS("s", 1), MINUTES("min", 60), HOURS("h", 3600);

    final String label;
    final double seconds;

    TimeUnit(String label, double seconds) {
      this.label = label;
      this.seconds = seconds;
    }

    static TimeUnit forSpan(double maxSeconds) {
      return maxSeconds < 300 ? SECONDS : maxSeconds < 3 * 3600 ? MINUTES : HOURS;
    }
  }
}
