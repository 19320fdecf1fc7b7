package cs336.experiments.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper for the run files: strict about unknown and missing fields. */
final class MetricsJson {
  private MetricsJson() {}

  static final ObjectMapper MAPPER = JsonMapper.builder()
      // A typo'd or foreign file should fail loudly rather than plot zeros.
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.INDENT_OUTPUT)
      .build();
}
