package cs336.engine.cuda;

import cs336.engine.cuda.KernelArgs.Param;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * Loads every PTX module when the device opens (checking each {@link Kernel}'s signature against the
 * PTX it finds), then launches kernels by name. A launch with an empty grid is skipped, so callers may
 * pass sizes of 0.
 */
final class Launcher {
  private final Driver driver;
  private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);

  Launcher(Driver driver) {
    this.driver = driver;
    Map<String, CUmodule> modules = new HashMap<>();
    for (String m : Kernel.MODULES) {
      String ptx = PtxResources.ptx(m);
      Map<String, List<Param>> entries = PtxEntries.parse(ptx);
      modules.put(m, driver.loadModule(m + ".ptx", ptx));
      for (Kernel k : Kernel.values()) {
        if (!k.module.equals(m)) continue;
        List<Param> declared = entries.get(k.entry);
        if (declared == null) throw new IllegalStateException("kernel " + k.entry + " is missing from " + m + ".ptx");
        if (!declared.equals(k.params())) {
          throw new IllegalStateException("kernel " + k.entry + ": Java packs " + k.params() + ", the PTX declares "
              + declared + " (rebuild the PTX or fix Kernel.java)");
        }
      }
    }
    for (Kernel k : Kernel.values()) functions.put(k, driver.function(modules.get(k.module), k.entry));
  }

  /** Queues kernel {@code k} on a (gx, gy, gz) grid of {@code block}-thread blocks. */
  void launch(Kernel k, int gx, int gy, int gz, int block, KernelArgs args) {
    k.checkArgs(args);
    if (gx <= 0 || gy <= 0 || gz <= 0) return;
    driver.launch(functions.get(k), k.entry, new int[] {gx, gy, gz}, block, 0, args);
  }
}
