package cs336.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cs336.engine.cuda.KernelArgs.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped PTX, checked without a GPU: present and small, compiled for sm_90 with a PTX ISA the
 * target driver (CUDA 13.0) can JIT, up to date with the CUDA sources, and declaring exactly the
 * kernels and parameter types the Java side packs.
 */
class PtxResourcesTest {
  @Test
  void everyModuleIsAReadableSmallSm90Ptx() {
    long total = 0;
    for (String m : Kernel.MODULES) {
      String ptx = PtxResources.ptx(m);
      total += ptx.length();
      assertTrue(ptx.contains(".target sm_90"), m + ".ptx is not compiled for sm_90");
      Matcher v = Pattern.compile("\\.version (\\d+)\\.(\\d+)").matcher(ptx);
      assertTrue(v.find(), m + ".ptx has no .version");
      int version = Integer.parseInt(v.group(1)) * 10 + Integer.parseInt(v.group(2));
      assertTrue(version <= 90, m + ".ptx is PTX ISA " + v.group() + ", newer than the CUDA 13.0 driver can compile");
    }
    assertTrue(total < 3_000_000, "the PTX resources take " + total + " bytes; keep them well under a few MB");
  }

  @Test
  void everyKernelJavaLaunchesIsInThePtxWithTheSameParameters() {
    for (Kernel k : Kernel.values()) {
      Map<String, List<Param>> entries = PtxEntries.parse(PtxResources.ptx(k.module));
      List<Param> declared = entries.get(k.entry);
      assertNotNull(declared, k.entry + " is missing from " + k.module + ".ptx");
      assertEquals(declared, k.params(), "parameters of " + k.entry);
    }
  }

  @Test
  void everyPtxKernelIsListedInJava() {
    TreeSet<String> listed = new TreeSet<>();
    for (Kernel k : Kernel.values()) listed.add(k.module + "/" + k.entry);
    TreeSet<String> inPtx = new TreeSet<>();
    for (String m : Kernel.MODULES) {
      for (String e : PtxEntries.parse(PtxResources.ptx(m)).keySet()) inPtx.add(m + "/" + e);
    }
    assertEquals(inPtx, listed);
  }

  @Test
  void ptxIsUpToDateWithTheCudaSources() throws IOException, NoSuchAlgorithmException {
    Path src = Path.of("src/main/cuda");
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".cu") || p.toString().endsWith(".cuh")).sorted().toList()) {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        lines.add(HexFormat.of().formatHex(hash) + "  " + f.getFileName());
      }
    }
    assertEquals(String.join("\n", lines), PtxResources.sourcesHashes().strip(),
        "the PTX resources are older than cuda/src/main/cuda: run scripts/build-ptx.sh");
  }

  @Test
  void parserReadsScalarsAndStructs() {
    String ptx = ".visible .entry k(\n\t.param .align 8 .b8 k_param_0[24],\n\t.param .u64 k_param_1,\n"
        + "\t.param .u32 k_param_2,\n\t.param .f32 k_param_3\n)\n{ }\n.visible .entry empty()\n{ }";
    Map<String, List<Param>> e = PtxEntries.parse(ptx);
    assertEquals(List.of(Param.struct(24, 8), Param.U64, Param.U32, Param.F32), e.get("k"));
    assertEquals(List.of(), e.get("empty"));
  }
}
