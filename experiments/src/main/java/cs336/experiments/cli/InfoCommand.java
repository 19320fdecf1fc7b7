package cs336.experiments.cli;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code ./cs336 info}: what this machine gives the engine: Java version, cores, heap, and whether
 * the Vector API is available and how wide its float vectors are. The first thing to run when a
 * benchmark looks wrong.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print the Java runtime, cores, heap and SIMD (Vector API) width this machine gives the engine.")
public final class InfoCommand implements Runnable {

  @Override
  public void run() {
    Runtime rt = Runtime.getRuntime();
    System.out.printf("java      %s (%s)%n", Runtime.version(), System.getProperty("java.home"));
    System.out.printf("os        %s %s%n", System.getProperty("os.name"), System.getProperty("os.arch"));
    System.out.printf("cores     %d%n", rt.availableProcessors());
    System.out.printf("max heap  %.1f GiB%n", rt.maxMemory() / (1024.0 * 1024 * 1024));
    System.out.printf("vector    %s%n", vectorSpecies().orElse(
        "not available (run with --add-modules jdk.incubator.vector; ./cs336 does)"));
    System.out.printf("jvm args  %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }

  /** The preferred float species, looked up reflectively so this command works without the module. */
  static Optional<String> vectorSpecies() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      Class<?> fv = Class.forName("jdk.incubator.vector.FloatVector");
      Object species = fv.getField("SPECIES_PREFERRED").get(null);
      // Call through the public interface: the species' own class is not exported.
      int lanes = (int) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("length").invoke(species);
      return Optional.of(species + " (" + lanes + " float lanes)");
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
