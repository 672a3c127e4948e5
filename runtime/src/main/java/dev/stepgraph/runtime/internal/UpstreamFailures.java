package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.StepStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which steps upstream of a step did not succeed: what {@link StepContext#failedDependencies()}
 * answers. A step that ended {@link StepStatus#FAILED failed}, {@link StepStatus#TIMED_OUT timed
 * out}, {@link StepStatus#SKIPPED skipped}, {@link StepStatus#CANCELLED cancelled} or {@link
 * StepStatus#NOT_RUN not run} did not succeed; the steps that depend on it, directly or through
 * others, ran without its data.
 *
 * <p>Used by the scheduler's thread only, for both schedules: each step's set is computed when it
 * starts, once every step it depends on has ended, from those steps' own sets. A run without a
 * failure allocates nothing; steps with the same upstream failures through one dependency share
 * one set.
 */
final class UpstreamFailures {
  private final ConnectorGraph graph;
  // Each step's place in the graph, by id: made when a set of more than one step is first sorted
  private @Nullable Map<String, Integer> order;
  private final Map<String, StepStatus> unsuccessful = new HashMap<>();
  private final Map<String, Set<String>> failedUpstream = new HashMap<>(); // only non-empty sets

  UpstreamFailures(ConnectorGraph graph) {
    this.graph = graph;
  }

  /** A step ended with this status (every step of the run, as it ends). */
  void ended(String stepId, StepStatus status) {
    if (!succeeded(status)) {
      unsuccessful.put(stepId, status);
    }
  }

  /**
   * Whether a step that ended so counts as succeeded for the steps downstream of it: a step a
   * resume reused from its recorded success did, as when it was recorded.
   */
  static boolean succeeded(StepStatus status) {
    return status == StepStatus.SUCCEEDED || status == StepStatus.REUSED;
  }

  /** The steps that did not succeed, by id, with how they ended. */
  Map<String, StepStatus> unsuccessful() {
    return unsuccessful;
  }

  /**
   * The ids of the steps upstream of {@code step}, directly or transitively, that did not
   * succeed, in graph order (wave, then declaration); empty if all did. Every step it depends on
   * must have ended and had its own set computed.
   */
  Set<String> of(StepDefinition step) {
    if (unsuccessful.isEmpty()) {
      return Set.of();
    }
    Set<String> only = null; // the one contributing set, if only one dependency contributes
    Set<String> union = null;
    for (String dependency : step.dependsOn()) {
      Set<String> upstream = failedUpstream.getOrDefault(dependency, Set.of());
      boolean failed = unsuccessful.containsKey(dependency);
      if (upstream.isEmpty() && !failed) {
        continue;
      }
      if (only == null && union == null && !failed) {
        only = upstream;
        continue;
      }
      if (union == null) {
        union = new LinkedHashSet<>();
        if (only != null) {
          union.addAll(only);
          only = null;
        }
      }
      union.addAll(upstream);
      if (failed) {
        union.add(dependency);
      }
    }
    Set<String> result = union != null ? inGraphOrder(union) : only != null ? only : Set.of();
    if (!result.isEmpty()) {
      failedUpstream.put(step.id(), result);
    }
    return result;
  }

  private Set<String> inGraphOrder(Set<String> ids) {
    Map<String, Integer> place = order();
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort((a, b) -> Integer.compare(place.get(a), place.get(b)));
    return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
  }

  /** Each step's place in the graph, by id; made on the first call. */
  private Map<String, Integer> order() {
    Map<String, Integer> places = order;
    if (places == null) {
      places = new HashMap<>();
      List<StepDefinition> steps = graph.steps();
      for (int i = 0; i < steps.size(); i++) {
        places.put(steps.get(i).id(), i);
      }
      order = places;
    }
    return places;
  }
}
