package dev.stepgraph.runtime;

import java.util.List;
import java.util.Objects;

/**
 * One step of a connector graph.
 *
 * @param id the step id, unique within its connector
 * @param description what the step collects; may be empty
 * @param dependsOn ids of the steps that must complete first
 * @param wave the wave the step runs in: 0 for roots, else 1 + the highest wave of its
 *     dependencies (computed at compile time by the processor)
 * @param body the step's code
 */
public record StepDefinition(
    String id, String description, List<String> dependsOn, int wave, StepBody body) {

  public StepDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(body, "body");
    if (wave < 0) {
      throw new IllegalArgumentException("step '" + id + "': wave must be >= 0, was " + wave);
    }
  }
}
