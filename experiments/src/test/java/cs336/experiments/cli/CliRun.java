package cs336.experiments.cli;

import cs336.experiments.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the CLI in this JVM and captures its exit status, stdout (System.out too) and stderr. */
public record CliRun(int status, String out, String err) {

  public static synchronized CliRun of(String... args) {
    CommandLine cl = Cli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = cl.execute(args);
    } finally {
      System.setOut(old);
    }
    return new CliRun(status, bytes.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Override
  public String toString() {
    return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
