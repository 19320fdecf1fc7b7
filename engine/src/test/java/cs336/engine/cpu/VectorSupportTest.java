package cs336.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorSupportTest {

  @Test
  void theBuildRunsTestsWithTheVectorApi() {
    // Surefire passes --add-modules=jdk.incubator.vector (parent pom); without it every SIMD
    // kernel would silently test its scalar twin only.
    assertTrue(VectorSupport.available(), "tests run without --add-modules=jdk.incubator.vector");
    int lanes = VectorSupport.floatLanes();
    assertTrue(lanes >= 2, "lanes " + lanes);
    assertEquals(0, lanes & (lanes - 1), "lanes " + lanes + " is not a power of two");
  }
}
