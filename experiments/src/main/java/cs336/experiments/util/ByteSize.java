package cs336.experiments.util;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A size in bytes written the way people write it: {@code 5MB}, {@code 500kB}, {@code 1.5GiB},
 * {@code 2048}. KB, MB and GB are decimal (1 MB = 1,000,000 bytes, as for files); KiB, MiB and
 * GiB binary. Usable as a picocli option type through {@link Converter}.
 */
public record ByteSize(long bytes) {

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

  public ByteSize {
    if (bytes < 0) throw new IllegalArgumentException("a size cannot be negative: " + bytes);
  }

  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 5MB, 500kB, 1GiB or a number of bytes)");
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    boolean binary = unit.contains("i");
    double base = binary ? 1024 : 1000;
    int power = switch (unit.charAt(0)) {
      case 'k' -> 1;
      case 'm' -> 2;
      case 'g' -> 3;
      case 't' -> 4;
      default -> 0;
    };
    double bytes = value * Math.pow(base, power);
    if (bytes > Long.MAX_VALUE) throw new IllegalArgumentException("size too large: " + text);
    return new ByteSize(Math.round(bytes));
  }

  /** picocli: {@code @Option(names = "--size", converter = ByteSize.Converter.class) ByteSize size}. */
  public static final class Converter implements CommandLine.ITypeConverter<ByteSize> {
    @Override
    public ByteSize convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
