package dev.stepgraph.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each {@code dependsOn} entry names a step of the same connector (else an error, with the closest
 * id or the known ones); an entry repeated within one {@code dependsOn} is a warning.
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
        if (suggestions == null) {
          suggestions = new Suggestions(ids);
        }
        String message = "step '" + step.id() + "' depends on unknown step '" + id + "'";
        String closest = suggestions.closest(id).orElse(null);
        if (closest != null) {
          message += ": did you mean '" + closest + "'?";
        } else {
          message += ": use the id of a step of connector '" + connector.id() + "' (" + listed(ids)
              + ") or declare a @Step(id = \"" + id + "\")";
        }
        reporter.error(message, step.method(), step.annotation(), dependency.value());
      }
    }
  }

  private static String listed(List<String> ids) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(LISTED_IDS, ids.size());
    for (int i = 0; i < shown; i++) {
      out.append(i == 0 ? "" : ", ").append(ids.get(i));
    }
    if (ids.size() > shown) {
      out.append(", and ").append(ids.size() - shown).append(" more");
    }
    return out.toString();
  }
}
