package dev.stepgraph.bench;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * The step context of the hand-written baseline: the least a context can be. Emitted entities go
 * into a per-step list; prior data is whatever the baseline hands in.
 */
public final class BaselineContext implements StepContext {
  static final Config EMPTY_CONFIG = new Config() {
    @Override public Optional<String> get(String key) { return Optional.empty(); }
    @Override public String require(String key) { throw new IllegalStateException(key + " is not set"); }
    @Override public int getInt(String key, int defaultValue) { return defaultValue; }
    @Override public long getLong(String key, long defaultValue) { return defaultValue; }
    @Override public boolean getBoolean(String key, boolean defaultValue) { return defaultValue; }
    @Override public Set<String> keys() { return Set.of(); }
  };

  static final PriorData EMPTY_PRIOR = new HashMapPriorData(List.of());

  private final String stepId;
  private final PriorData prior;
  final List<Entity> entities = new ArrayList<>();

  public BaselineContext(String stepId, PriorData prior) {
    this.stepId = stepId;
    this.prior = prior;
  }

  public BaselineContext(String stepId) {
    this(stepId, EMPTY_PRIOR);
  }

  @Override public String stepId() { return stepId; }
  @Override public void emit(Entity entity) { entities.add(entity); }
  @Override public void emit(Relationship relationship) {}
  @Override public PriorData prior() { return prior; }
  @Override public Logger log() { return NOPLogger.NOP_LOGGER; }
  @Override public Set<String> failedDependencies() { return Set.of(); }
  @Override public Config config() { return EMPTY_CONFIG; }
  @Override public boolean isCancelled() { return false; }
  @Override public void checkCancelled() {}
}
