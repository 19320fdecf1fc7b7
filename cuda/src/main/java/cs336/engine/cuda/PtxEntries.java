package cs336.engine.cuda;

import cs336.engine.cuda.KernelArgs.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernels a PTX file defines and the parameter types each declares, read from its
 * {@code .visible .entry name( .param ... )} headers. Used to check that what Java packs matches
 * what the compiled kernel expects (a mismatch would otherwise read garbage on the GPU).
 */
final class PtxEntries {
  private PtxEntries() {}

  private static final Pattern ENTRY = Pattern.compile("\\.visible\\s+\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
  private static final Pattern SCALAR = Pattern.compile("\\.param\\s+\\.(u64|s64|b64|u32|s32|b32|f32|f64)\\s+\\w+");
  private static final Pattern STRUCT =
      Pattern.compile("\\.param\\s+\\.align\\s+(\\d+)\\s+\\.b8\\s+\\w+\\[(\\d+)\\]");

  /** Entry name -> its parameters, in file order. */
  static Map<String, List<Param>> parse(String ptx) {
    Map<String, List<Param>> out = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(ptx);
    while (m.find()) {
      List<Param> params = new ArrayList<>();
      String body = m.group(2).strip();
      if (!body.isEmpty()) {
        for (String p : body.split(",")) params.add(param(m.group(1), p.strip()));
      }
      out.put(m.group(1), params);
    }
    return out;
  }

  private static Param param(String entry, String decl) {
    Matcher s = STRUCT.matcher(decl);
    if (s.matches()) return Param.struct(Integer.parseInt(s.group(2)), Integer.parseInt(s.group(1)));
    Matcher k = SCALAR.matcher(decl);
    if (k.matches()) {
      return switch (k.group(1)) {
        case "u64", "s64", "b64" -> Param.U64;
        case "u32", "s32", "b32" -> Param.U32;
        case "f32" -> Param.F32;
        default -> new Param("f64", 8, 8);
      };
    }
    throw new IllegalArgumentException("PTX entry " + entry + ": cannot read parameter '" + decl + "'");
  }
}
