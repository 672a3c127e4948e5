package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.NonRetryableException;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prior data of a step that declares what it reads ({@code @Step(reads = ...)}): asking for
 * any other type throws, naming the type and the declaration, so a declaration is always true and
 * a typo never reads as an empty list.
 */
final class ContractPriorData implements PriorData {
  private final PriorData prior;
  private final String stepId;
  private final Set<String> reads;

  /** The prior data a step sees: held to its declared reads, if it declares them. */
  static PriorData forStep(StepDefinition step, PriorData prior) {
    return step.contract().declaresReads()
        ? new ContractPriorData(prior, step.id(), step.contract().reads())
        : prior;
  }

  ContractPriorData(PriorData prior, String stepId, Set<String> reads) {
    this.prior = prior;
    this.stepId = stepId;
    this.reads = reads;
  }

  private void check(String type, String what) {
    if (!reads.contains(type)) {
      throw new UndeclaredRead(
          "step '" + stepId + "' asked its prior data for " + what + " type '" + type
              + "', which it does not read: @Step(reads = {" + quoted(reads) + "}); add '" + type
              + "' to reads, or ask for one of those");
    }
  }

  static String quoted(Set<String> types) {
    StringBuilder out = new StringBuilder();
    for (String type : types) {
      out.append(out.length() > 0 ? ", " : "").append('"').append(type).append('"');
    }
    return out.toString();
  }

  @Override
  public List<Entity> entitiesByType(String type) {
    check(type, "entity");
    return prior.entitiesByType(type);
  }

  @Override
  public Optional<Entity> entityByKey(String key) {
    Optional<Entity> entity = prior.entityByKey(key);
    entity.ifPresent(found -> check(found.type(), "entity '" + key + "' of"));
    return entity;
  }

  @Override
  public List<Relationship> relationshipsByType(String type) {
    check(type, "relationship");
    return prior.relationshipsByType(type);
  }

  @Override
  public Set<String> entityTypes() {
    Set<String> present = new TreeSet<>(prior.entityTypes());
    present.retainAll(reads);
    return present;
  }

  @Override
  public int entityCount() {
    int count = 0;
    for (String type : entityTypes()) {
      count += prior.entitiesByType(type).size();
    }
    return count;
  }

  @Override
  public String toString() {
    return "PriorData[reads " + reads + " of " + prior + "]";
  }

  /** A read outside the step's declaration: a bug in the step, so never retried. */
  static final class UndeclaredRead extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    UndeclaredRead(String message) {
      super(message);
    }
  }
}
