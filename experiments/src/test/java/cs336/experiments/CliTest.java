package cs336.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

  /** Runs the CLI in-process and returns {exit status, stdout, stderr}. */
  static Object[] run(String... args) {
    CommandLine cl = Cli.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args);
    return new Object[] {status, out.toString(), err.toString()};
  }

  @Test
  void helpListsEveryCommandWithADescription() {
    Object[] r = run("--help");
    assertEquals(0, r[0]);
    String help = (String) r[1];
    CommandLine cl = Cli.newCommandLine();
    for (var e : cl.getSubcommands().entrySet()) {
      assertTrue(help.contains(e.getKey()), () -> "--help does not list " + e.getKey() + ":\n" + help);
      String[] desc = e.getValue().getCommandSpec().usageMessage().description();
      assertTrue(desc.length > 0 && !desc[0].isBlank(), () -> e.getKey() + " has no one-line description");
    }
  }

  @Test
  void everyCommandDocumentsItsFlags() {
    CommandLine cl = Cli.newCommandLine();
    for (String name : cl.getSubcommands().keySet()) {
      if (name.equals("help")) continue;
      Object[] r = run(name, "--help");
      assertEquals(0, r[0], () -> name + " --help failed: " + r[2]);
      assertTrue(((String) r[1]).contains("Usage: cs336 " + name), () -> name + " --help printed:\n" + r[1]);
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    Object[] r = run("no-such-command");
    assertEquals(2, r[0]);
    assertTrue(((String) r[2]).contains("no-such-command"), () -> "stderr was: " + r[2]);
  }
}
