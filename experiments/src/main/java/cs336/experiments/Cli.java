package cs336.experiments;

import cs336.experiments.cli.AdapterCommand;
import cs336.experiments.cli.CudaCheckCommand;
import cs336.experiments.cli.DecodeCommand;
import cs336.experiments.cli.DemoCommand;
import cs336.experiments.cli.DownloadCommand;
import cs336.experiments.cli.ExperimentCommand;
import cs336.experiments.cli.GenerateCommand;
import cs336.experiments.cli.InfoCommand;
import cs336.experiments.cli.PlotCommand;
import cs336.experiments.cli.StoriesCommand;
import cs336.experiments.cli.TokenizeCommand;
import cs336.experiments.cli.TrainBpeCommand;
import cs336.experiments.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./cs336} command line. Each job is a subcommand in its own class; to add one, write a
 * {@code @Command} class and list it in {@code subcommands} below.
 */
@Command(
    name = "cs336",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Stanford CS336 assignment 1 (basics) in Java: tokenizer, Transformer LM, training, experiments.",
    subcommandsRepeatable = false,
    subcommands = {
        DemoCommand.class,
        InfoCommand.class,
        TrainCommand.class,
        GenerateCommand.class,
        ExperimentCommand.class,
        PlotCommand.class,
        StoriesCommand.class,
        CudaCheckCommand.class,
        TrainBpeCommand.class,
        TokenizeCommand.class,
        DecodeCommand.class,
        DownloadCommand.class,
        AdapterCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Cli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point of the runnable jar; exits with the command's status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit status (used by tests, which must not exit). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** The configured picocli command line: user mistakes print one line, not a stack trace. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Cli());
    cl.setExecutionExceptionHandler(new UserErrors());
    return cl;
  }

  @Override
  public void run() {
    // `./cs336` with no command: show what there is.
    spec.commandLine().usage(System.out);
  }

  /** Reports the project version from the jar manifest (or "dev" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"cs336-java " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
    }
  }
}
