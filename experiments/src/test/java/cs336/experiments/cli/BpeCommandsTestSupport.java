package cs336.experiments.cli;

/** Opens {@link BpeCommandsTest#run} to tests in other packages. */
public final class BpeCommandsTestSupport {
  private BpeCommandsTestSupport() {}

  /** Runs the CLI in-process: {exit status, stderr}. */
  public static Object[] run(String... args) {
    return BpeCommandsTest.run(args);
  }
}
