package cs336.experiments.cli;

import cs336.experiments.train.Scale;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code --scale tiny|cpu|gpu} (any case). */
public final class ScaleConverter implements ITypeConverter<Scale> {
  @Override
  public Scale convert(String value) {
    return Scale.parse(value);
  }
}
