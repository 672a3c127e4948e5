package dev.stepgraph.runtime.graph;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The entity and relationship types a step declares that it emits and that it reads from its
 * prior data ({@code @Step(emits = ..., reads = ...)}); the processor checks them at compile time,
 * the runtime holds every step to them. An empty set means "not declared": the step may emit, or
 * read, anything.
 *
 * @param emits the types the step emits, in declaration order; empty if undeclared
 * @param reads the types the step reads, in declaration order; empty if undeclared
 */
public record DataContract(Set<String> emits, Set<String> reads) {
  /** Nothing declared: the step may emit and read anything. */
  public static final DataContract NONE = new DataContract(Set.of(), Set.of());

  public DataContract {
    emits = Collections.unmodifiableSet(new LinkedHashSet<>(emits));
    reads = Collections.unmodifiableSet(new LinkedHashSet<>(reads));
  }

  /** A contract declaring what the step emits and reads (either may be empty: undeclared). */
  public static DataContract of(Set<String> emits, Set<String> reads) {
    return emits.isEmpty() && reads.isEmpty() ? NONE : new DataContract(emits, reads);
  }

  /** Whether the step declares what it emits. */
  public boolean declaresEmits() {
    return !emits.isEmpty();
  }

  /** Whether the step declares what it reads. */
  public boolean declaresReads() {
    return !reads.isEmpty();
  }

  /** {@code emits host, service; reads user}, or empty when nothing is declared. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (declaresReads()) {
      text.append("reads ").append(String.join(", ", reads));
    }
    if (declaresEmits()) {
      text.append(text.length() > 0 ? "; " : "").append("emits ").append(String.join(", ", emits));
    }
    return text.toString();
  }
}
