package cs336.experiments.problems;

import cs336.experiments.util.Report;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A problem whose answer is computed rather than trained (unicode1, transformer_accounting, ...):
 * it builds its {@link Report}, which prints it and writes {@code <runs>/<problem_id>/README.md}.
 */
abstract class ComputedProblem implements Callable<Integer> {

  @Mixin ProblemMain out;

  /** The handout's problem id, e.g. "unicode1". */
  abstract String id();

  /** The answer, with its numbers and the command that reproduces it. */
  abstract Report report();

  @Override
  public Integer call() throws Exception {
    report().save(out.dir(id()));
    return 0;
  }
}
