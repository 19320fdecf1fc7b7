package cs336.experiments.problems;

import java.util.Locale;

/** Number formats for the reports: exact counts with separators, and readable approximations. */
final class Numbers {
  private Numbers() {}

  /** 2127057600 → "2,127,057,600". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** 2.127e9 → "2.13 billion" (thousand, million, billion, trillion). */
  static String words(double n) {
    String[] names = {"", " thousand", " million", " billion", " trillion", " quadrillion"};
    int k = 0;
    double v = n;
    while (Math.abs(v) >= 1000 && k < names.length - 1) {
      v /= 1000;
      k++;
    }
    return String.format(Locale.ROOT, k == 0 ? "%.0f" : "%.2f%s", v, names[k]);
  }

  /** FLOPs with an SI prefix: 4.5133e12 → "4.51 TFLOPs". */
  static String flops(double n) {
    return si(n, "FLOPs");
  }

  /** Bytes in decimal gigabytes: 8508230400 → "8.51 GB". */
  static String gb(double bytes) {
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }

  /** A fraction as a percentage: 0.6691 → "66.9%" (and "<0.1%" for a small non-zero share). */
  static String pct(double fraction) {
    if (fraction > 0 && fraction < 0.0005) return "<0.1%";
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  /** A value with an SI prefix (k, M, G, T, P, E) and a unit. */
  static String si(double n, String unit) {
    String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
    int k = 0;
    double v = n;
    while (Math.abs(v) >= 1000 && k < prefixes.length - 1) {
      v /= 1000;
      k++;
    }
    return String.format(Locale.ROOT, "%.2f %s%s", v, prefixes[k], unit);
  }

  /** A plain decimal with the given digits after the point. */
  static String fixed(double v, int digits) {
    return String.format(Locale.ROOT, "%,." + digits + "f", v);
  }
}
