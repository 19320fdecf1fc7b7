package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.BinaryOp;
import cs336.engine.ReduceOp;
import cs336.engine.UnaryOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The kernels receive op ordinals: common.cuh's enums must list the ops in the Java enums' order. */
class OpCodesTest {
  private static List<String> cudaEnum(String source, String name, String prefix) {
    Matcher m = Pattern.compile("enum " + name + " \\{([^}]*)\\}").matcher(source);
    assertTrue(m.find(), "common.cuh has no enum " + name);
    return Arrays.stream(m.group(1).split(",")).map(String::strip).map(s -> s.substring(prefix.length())).toList();
  }

  private static List<String> javaEnum(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  @Test
  void opCodesMatchTheJavaEnums() throws IOException {
    String h = Files.readString(Path.of("src/main/cuda/common.cuh"));
    assertEquals(javaEnum(UnaryOp.values()), cudaEnum(h, "UnaryCode", "U_"));
    assertEquals(javaEnum(BinaryOp.values()), cudaEnum(h, "BinaryCode", "B_"));
    assertEquals(javaEnum(ReduceOp.values()), cudaEnum(h, "ReduceCode", "R_"));
  }

  @Test
  void errorCodesMatchCudaErrors() throws IOException {
    String h = Files.readString(Path.of("src/main/cuda/common.cuh"));
    for (var e : List.of(List.of("ERR_TOKEN_ID", CudaErrors.TOKEN_ID), List.of("ERR_GATHER_INDEX", CudaErrors.GATHER_INDEX),
        List.of("ERR_SCATTER_INDEX", CudaErrors.SCATTER_INDEX), List.of("ERR_TARGET", CudaErrors.TARGET))) {
      assertTrue(h.contains("#define " + e.get(0) + " " + e.get(1)), e.get(0) + " should be " + e.get(1));
    }
  }

  @Test
  void errorWordBecomesTheCpuKernelsMessage() {
    assertEquals(null, CudaErrors.toException(0, 0, 0));
    assertEquals("token id 1234 out of range [0, 1000)", CudaErrors.toException(1, 1234, 1000).getMessage());
    assertEquals("cross-entropy target -1 out of range [0, 50)", CudaErrors.toException(4, -1, 50).getMessage());
    assertEquals("gather index 7 out of range [0, 3)", CudaErrors.toException(2, 7, 3).getMessage());
  }
}
