package cs336.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns the exceptions a user can cause (a bad file, a wrong shape, a bad flag value) into one
 * clear line on stderr and a non-zero exit status. Anything else is a bug in this project and keeps
 * its stack trace, which is what a bug report needs. Set {@code CS336_DEBUG=1} for traces always.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {

  /** Exit status for a user mistake (bad input), distinct from picocli's 2 for bad usage. */
  static final int USER_ERROR = 1;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (System.getenv("CS336_DEBUG") != null || !isUserError(ex)) {
      throw ex;
    }
    String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    commandLine.getErr().println(commandLine.getCommandName() + ": " + msg);
    return USER_ERROR;
  }

  private static boolean isUserError(Throwable ex) {
    return ex instanceof IllegalArgumentException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof IllegalStateException;
  }
}
