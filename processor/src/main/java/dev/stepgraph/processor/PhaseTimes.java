package dev.stepgraph.processor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the processor spent its time, per phase, over the whole compilation: printed as one note
 * at its end with {@code -Astepgraph.timings=true}, for a build that got slower. Off, it measures
 * nothing.
 */
final class PhaseTimes {
  /** The processor option that turns it on. */
  static final String OPTION = "stepgraph.timings";

  private final boolean enabled;
  private final Map<String, Long> nanos = new LinkedHashMap<>();

  PhaseTimes(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  <T> T time(String phase, Supplier<T> work) {
    if (!enabled) {
      return work.get();
    }
    nanos.putIfAbsent(phase, 0L); // in the order the phases start, nested ones after their outer one
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - start);
    }
  }

  void time(String phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return null;
    });
  }

  private void add(String phase, long elapsedNanos) {
    nanos.merge(phase, elapsedNanos, Long::sum);
  }

  /** {@code stepgraph timings: read 12.3 ms, ReadsUpstreamCheck 1.0 ms, ...}, phases in first-seen order. */
  String summary() {
    StringBuilder out = new StringBuilder("stepgraph timings:");
    String separator = " ";
    for (Map.Entry<String, Long> phase : nanos.entrySet()) {
      out.append(separator).append(phase.getKey()).append(' ')
          .append(String.format(Locale.ROOT, "%.1f ms", phase.getValue() / 1e6));
      separator = ", ";
    }
    return nanos.isEmpty() ? out.append(" nothing processed").toString() : out.toString();
  }
}
