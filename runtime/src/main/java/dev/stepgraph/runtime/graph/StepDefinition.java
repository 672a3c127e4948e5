package dev.stepgraph.runtime.graph;

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
 * @param policy timeout, retries and what to do when a dependency failed
 * @param contract the types the step declares that it emits and reads
 * @param body the step's code
 */
public record StepDefinition(
    String id,
    String description,
    List<String> dependsOn,
    int wave,
    StepPolicy policy,
    DataContract contract,
    StepBody body) {

  public StepDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(body, "body");
    if (wave < 0) {
      throw new IllegalArgumentException("step '" + id + "': wave must be >= 0, was " + wave);
    }
  }

  /** A step that declares no data contract. */
  public StepDefinition(
      String id,
      String description,
      List<String> dependsOn,
      int wave,
      StepPolicy policy,
      StepBody body) {
    this(id, description, dependsOn, wave, policy, DataContract.NONE, body);
  }

  /** A step with the {@link StepPolicy#DEFAULT default policy}. */
  public StepDefinition(
      String id, String description, List<String> dependsOn, int wave, StepBody body) {
    this(id, description, dependsOn, wave, StepPolicy.DEFAULT, body);
  }
}
