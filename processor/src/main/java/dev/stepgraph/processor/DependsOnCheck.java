package dev.stepgraph.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Each {@code dependsOn} entry names a step of the same connector (else an error, with the closest
 * id or the known ones, never the step's own, or saying that an inherited step is none); an empty
 * entry is no step id at all; an entry repeated within one {@code dependsOn} is a warning.
 */
final class DependsOnCheck implements ConnectorCheck {
  private static final int LISTED_IDS = 10;

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    List<String> ids = connector.steps().stream().map(StepModel::id).filter(id -> !id.isEmpty()).distinct().toList();
    Set<String> known = new HashSet<>(ids);
    Suggestions suggestions = null;
    for (StepModel step : connector.steps()) {
      Set<String> seen = new HashSet<>();
      for (StepModel.Dependency dependency : step.dependsOn()) {
        String id = dependency.id();
        if (!seen.add(id)) {
          reporter.warning(
              "step '" + step.id() + "' lists '" + id + "' more than once in dependsOn: remove the repeated entry",
              step.method(), step.annotation(), dependency.value());
          continue;
        }
        if (known.contains(id)) {
          continue;
        }
        int others = ids.size() - (known.contains(step.id()) ? 1 : 0);
        ConnectorModel.InheritedStep inherited = inherited(connector, id);
        if (inherited != null) {
          String simpleName = connector.type().getSimpleName().toString();
          reporter.error(
              "step '" + step.id() + "' depends on '" + id + "', which " + simpleName + " inherits from "
                  + inherited.declaringClass().getQualifiedName() + ", but an inherited @Step method is not a step:"
                  + " override " + inherited.signature() + " in " + simpleName + " with @Step(id = \"" + id + "\")",
              step.method(), step.annotation(), dependency.value());
          continue;
        }
        if (id.isBlank()) {
          reporter.error(
              "step '" + step.id() + "' lists " + (id.isEmpty() ? "an empty string" : "'" + id + "'")
                  + " in dependsOn, which is not a step id: remove it"
                  + (others == 0
                      ? " (connector '" + connector.id() + "' has no other step to depend on)"
                      : ", or name a step of connector '" + connector.id() + "' (" + listed(ids, step.id(), others)
                          + ")"),
              step.method(), step.annotation(), dependency.value());
          continue;
        }
        if (suggestions == null) {
          suggestions = new Suggestions(ids);
        }
        String message = "step '" + step.id() + "' depends on unknown step '" + id + "'";
        String closest = suggestions.closest(id, step.id()).orElse(null);
        if (closest != null) {
          message += ": did you mean '" + closest + "'?";
        } else if (others == 0) {
          message += ": connector '" + connector.id() + "' has no other step; declare a @Step(id = \"" + id
              + "\") or remove the dependency";
        } else {
          message += ": use the id of a step of connector '" + connector.id() + "' (" + listed(ids, step.id(), others)
              + ") or declare a @Step(id = \"" + id + "\")";
        }
        reporter.error(message, step.method(), step.annotation(), dependency.value());
      }
    }
  }

  private static ConnectorModel.@Nullable InheritedStep inherited(ConnectorModel connector, String id) {
    for (ConnectorModel.InheritedStep inherited : connector.inheritedSteps()) {
      if (inherited.id().equals(id)) {
        return inherited;
      }
    }
    return null;
  }

  /** The first ids other than {@code excluded}, of {@code count} such ids in all. */
  private static String listed(List<String> ids, String excluded, int count) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < ids.size() && shown < LISTED_IDS; i++) {
      if (!ids.get(i).equals(excluded)) {
        out.append(shown++ == 0 ? "" : ", ").append(ids.get(i));
      }
    }
    if (count > shown) {
      out.append(", and ").append(count - shown).append(" more");
    }
    return out.toString();
  }
}
