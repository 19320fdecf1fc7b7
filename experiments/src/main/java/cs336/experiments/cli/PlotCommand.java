package cs336.experiments.cli;

import cs336.experiments.metrics.MetricsReader;
import cs336.experiments.metrics.RunMetrics;
import cs336.experiments.plot.LossCurves;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./cs336 plot runs/a runs/b --out curves.png}: learning curves of several runs in one PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Plot train/val loss of runs against steps and against wall-clock time (one PNG, two charts side by side).")
public final class PlotCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "RUN",
      description = "Run directories (runs/<name>, holding metrics.jsonl) or metrics.jsonl files; legends use the directory names.")
  List<Path> runs;

  @Option(names = "--out", defaultValue = "curves.png", description = "PNG file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--title", defaultValue = "learning curves", description = "Figure title (default: ${DEFAULT-VALUE}).")
  String title;

  @Override
  public Integer call() throws Exception {
    if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      throw new IllegalArgumentException("--out must name a .png file, got " + out);
    }
    List<RunMetrics> metrics = new ArrayList<>();
    for (Path run : runs) {
      metrics.add(MetricsReader.read(run));
    }
    LossCurves.write(metrics, out, title);
    System.out.printf("wrote %s (%d run%s: %s)%n", out, metrics.size(), metrics.size() == 1 ? "" : "s",
        String.join(", ", metrics.stream().map(m -> m.name() + " " + m.entries().size() + " steps").toList()));
    return 0;
  }
}
