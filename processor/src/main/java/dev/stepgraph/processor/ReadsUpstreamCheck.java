package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every type a step {@code reads} is emitted by a step upstream of it (through {@code dependsOn},
 * transitively), as its prior data holds only what those emitted (under either schedule). A step
 * that declares no {@code emits} emits nothing here. Else an error on the {@code reads} entry that
 * names the steps that emit it and says to add one to {@code dependsOn}, or, when no step emits it,
 * suggests the closest type the connector emits. Types that are no type names are left to {@link
 * DataTypeNameCheck}.
 *
 * <p>Each reading step walks its upstream steps once, nearest first, and stops as soon as it found
 * every type it reads: the dependencies of a typical step already emit them.
 */
final class ReadsUpstreamCheck implements ConnectorCheck {
  /** Messages name at most this many steps. */
  private static final int LISTED_STEPS = 3;

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    List<StepModel> steps = connector.steps();
    if (steps.stream().allMatch(step -> step.reads().isEmpty())) {
      return;
    }
    int n = steps.size();
    List<Set<String>> emits = new ArrayList<>(n);
    Map<String, List<Integer>> emitters = new HashMap<>();
    Set<String> emitted = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      Set<String> types = steps.get(i).emitted();
      emits.add(types);
      for (String type : types) {
        emitters.computeIfAbsent(type, k -> new ArrayList<>(1)).add(i);
        if (DataTypes.isTypeName(type)) {
          emitted.add(type);
        }
      }
    }
    DependencyGraph graph = connector.dependencyGraph();
    Upstream upstream = new Upstream(graph, emits);
    Suggestions suggestions = null;
    for (int i = 0; i < n; i++) {
      StepModel step = steps.get(i);
      if (step.reads().isEmpty()) {
        continue;
      }
      Set<String> wanted = new LinkedHashSet<>();
      for (StepModel.DataType read : step.reads()) {
        if (DataTypes.isTypeName(read.name())) {
          wanted.add(read.name());
        }
      }
      Set<String> missing = upstream.missing(i, wanted);
      for (StepModel.DataType read : step.reads()) {
        if (!missing.remove(read.name())) {
          continue; // found upstream, not a type name, or reported at its first entry
        }
        String type = read.name();
        List<Integer> others = new ArrayList<>(emitters.getOrDefault(type, List.of()));
        boolean self = others.remove((Integer) i);
        String message = "step '" + step.id() + "' reads '" + type + "', which ";
        if (!others.isEmpty()) {
          message += notUpstream(steps, graph, i, type, others);
        } else if (self) {
          message += "only '" + step.id() + "' itself emits: a step's prior data holds what the steps upstream of it"
              + " emitted, never its own; remove '" + type + "' from reads";
        } else {
          if (suggestions == null) {
            suggestions = new Suggestions(List.copyOf(emitted));
          }
          message += "no step of connector '" + connector.id() + "' emits"
              + suggestions.closest(type).map(closest -> "; did you mean '" + closest + "'?")
                  .orElseGet(() -> noEmitterFix(steps, upstream.undeclared(), step));
        }
        reporter.error(message, step.method(), step.annotation(), read.value());
      }
    }
  }

  /** After "which": the steps that emit the type but are not upstream of step {@code reader}, and the fix. */
  private static String notUpstream(
      List<StepModel> steps, DependencyGraph graph, int reader, String type, List<Integer> emitters) {
    String id = steps.get(reader).id();
    List<String> ids = emitters.stream().map(e -> steps.get(e).id()).toList();
    List<String> addable = new ArrayList<>();
    for (int emitter : emitters) {
      if (!isUpstream(graph, reader, emitter)) {
        addable.add(steps.get(emitter).id());
      }
    }
    String which = (ids.size() == 1 ? "step " : "steps ") + listed(ids) + (ids.size() == 1 ? " emits" : " emit");
    if (addable.isEmpty()) {
      String after = ids.size() == 1
          ? "'" + ids.get(0) + "' runs after '" + id + "' (it depends on '" + id + "'"
              + (dependsDirectly(steps.get(emitters.get(0)), id) ? "" : " through other steps") + ")"
          : "they run after '" + id + "' (they depend on it)";
      return which + ", but " + after + ": read '" + type + "' in a step downstream of "
          + (ids.size() == 1 ? "'" + ids.get(0) + "'" : "one of them") + ", or emit it from a step upstream of '"
          + id + "'";
    }
    String notUpstream = ids.size() == 1 ? "'" + ids.get(0) + "' is not" : ids.size() == 2 ? "neither is" : "none is";
    String fix;
    if (addable.size() >= 3 && addable.size() == ids.size()) {
      fix = "add one of them to its dependsOn";
    } else {
      StringBuilder or = new StringBuilder();
      for (int k = 0; k < addable.size(); k++) {
        or.append(k == 0 ? "" : k == addable.size() - 1 ? " or " : ", ").append('"').append(addable.get(k)).append('"');
      }
      fix = "add " + or + " to its dependsOn";
    }
    return which + ", but " + notUpstream + " upstream of '" + id + "': " + fix;
  }

  /** After "emits" when no step emits the type and none is close: what to do. */
  private static String noEmitterFix(List<StepModel> steps, List<Integer> undeclared, StepModel reader) {
    if (undeclared.isEmpty()) {
      return ": declare it in the emits of a step and add that step to dependsOn, or remove it from reads";
    }
    List<String> ids = undeclared.stream().map(i -> steps.get(i).id()).toList();
    return ": declare it in the emits of the step upstream of '" + reader.id() + "' that emits it (" + listed(ids)
        + (ids.size() == 1 ? " declares" : " declare") + " no emits), or remove it from reads";
  }

  /** {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b' and 'c'}, {@code 'a', 'b', 'c' and 2 more}. */
  static String listed(List<String> ids) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(ids.size(), LISTED_STEPS);
    for (int k = 0; k < shown; k++) {
      boolean last = k == shown - 1 && shown == ids.size();
      out.append(k == 0 ? "" : last ? " and " : ", ").append('\'').append(ids.get(k)).append('\'');
    }
    if (ids.size() > shown) {
      out.append(" and ").append(ids.size() - shown).append(" more");
    }
    return out.toString();
  }

  private static boolean dependsDirectly(StepModel step, String id) {
    return step.dependsOn().stream().anyMatch(d -> d.id().equals(id));
  }

  /** Whether step {@code from} is upstream of step {@code to}. */
  private static boolean isUpstream(DependencyGraph graph, int from, int to) {
    boolean[] seen = new boolean[graph.size()];
    int[] queue = new int[graph.size()];
    int head = 0;
    int tail = 0;
    queue[tail++] = to;
    seen[to] = true;
    while (head < tail) {
      for (int d : graph.dependencies(queue[head++])) {
        if (d == from) {
          return true;
        }
        if (!seen[d]) {
          seen[d] = true;
          queue[tail++] = d;
        }
      }
    }
    return false;
  }

  /** Walks the steps upstream of a step, breadth first, reusing its arrays from step to step. */
  private static final class Upstream {
    private final DependencyGraph graph;
    private final List<Set<String>> emits;
    private final int[] seenBy;
    private final int[] queue;
    private final List<Integer> undeclared = new ArrayList<>();

    Upstream(DependencyGraph graph, List<Set<String>> emits) {
      this.graph = graph;
      this.emits = emits;
      this.seenBy = new int[graph.size()];
      this.queue = new int[graph.size()];
      Arrays.fill(seenBy, -1);
    }

    /**
     * The types of {@code wanted} that no step upstream of {@code step} emits, in the order of
     * {@code wanted}; afterwards {@link #undeclared()} are the upstream steps that declare no emits,
     * nearest first (all of them when a type is missing).
     */
    Set<String> missing(int step, Set<String> wanted) {
      Set<String> missing = new LinkedHashSet<>(wanted);
      undeclared.clear();
      int head = 0;
      int tail = 0;
      seenBy[step] = step;
      queue[tail++] = step;
      while (head < tail && !missing.isEmpty()) {
        for (int d : graph.dependencies(queue[head++])) {
          if (seenBy[d] == step) {
            continue;
          }
          seenBy[d] = step;
          queue[tail++] = d;
          if (emits.get(d).isEmpty()) {
            undeclared.add(d);
          } else {
            missing.removeAll(emits.get(d));
          }
        }
      }
      return missing;
    }

    List<Integer> undeclared() {
      return undeclared;
    }
  }
}
