package cs336.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JDK selection shared by ./cs336, ./mvnw and .ci/run (scripts/jdk.sh). */
class LauncherTest {

  /** Surefire runs in the module folder; the launcher lives one up. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  record Result(int status, String out, String err) {}

  static Result sh(Map<String, String> env, String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(ROOT.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not finish: " + script);
    return new Result(p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** A PATH whose only java is an older JDK (17), as on these machines' defaults. */
  static String pathWithOldJava() {
    for (String dir : List.of("/usr/lib/jvm/java-17-openjdk-amd64/bin", "/usr/lib/jvm/java-21-openjdk-amd64/bin")) {
      if (Files.isExecutable(Path.of(dir, "java"))) return dir + ":/usr/bin:/bin";
    }
    return "/usr/bin:/bin";
  }

  @Test
  void findsJdk25UnderUsrLibJvmWhenPathHasAnOlderJava() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/usr/lib/jvm")), "no /usr/lib/jvm on this machine");
    boolean has25 = false;
    try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
      has25 = dirs.anyMatch(d -> d.getFileName().toString().contains("25") && Files.isExecutable(d.resolve("bin/javac")));
    }
    assumeTrue(has25, "no JDK 25 under /usr/lib/jvm");
    Result r = sh(Map.of("PATH", pathWithOldJava()),
        ". scripts/jdk.sh && cs336_find_jdk && java -version 2>&1 | head -1");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("\"25"), "selected java is not 25: " + r.out());
  }

  @Test
  void launcherFailsWithOneClearLineWhenThereIsNoJdk25() throws Exception {
    Result r = sh(Map.of("PATH", pathWithOldJava(), "CS336_JVM_DIR", "/nonexistent"), "./cs336 --help");
    assertEquals(1, r.status());
    assertEquals("", r.out());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, "expected one line, got:\n" + r.err());
    assertTrue(lines[0].startsWith("cs336: no JDK 25 found"), lines[0]);
  }
}
