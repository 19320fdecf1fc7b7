package cs336.experiments.problems;

import cs336.experiments.Cli;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What every problem main shares: the {@code --runs} option (where {@code <problem_id>/README.md}
 * goes) as a picocli mixin, and {@link #run}, which a problem's own {@code main} calls so that it
 * behaves exactly like {@code ./cs336 experiment <problem_id>} (same error handling, same flags).
 */
public final class ProblemMain {

  @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
      description = "Directory of run outputs; the report goes to DIR/<problem_id>/README.md (default: ${DEFAULT-VALUE}).")
  Path runs;

  /** The directory this problem writes to: {@code <runs>/<problemId>}. */
  public Path dir(String problemId) {
    return runs.resolve(problemId);
  }

  /** Runs {@code ./cs336 experiment <problemId> args...} in this JVM and exits with its status. */
  static void run(String problemId, String[] args) {
    String[] full = new String[args.length + 2];
    full[0] = "experiment";
    full[1] = problemId;
    System.arraycopy(args, 0, full, 2, args.length);
    System.exit(Cli.run(full));
  }
}
