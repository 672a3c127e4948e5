package dev.stepgraph.processor;

import java.util.HashMap;
import java.util.Map;

/** Step ids: lowercase kebab-case, unique within the connector (the second declaration is wrong). */
final class StepIdCheck implements ConnectorCheck {
  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    Map<String, StepModel> first = new HashMap<>(connector.steps().size() * 2);
    for (StepModel step : connector.steps()) {
      if (step.idValue() == null) {
        continue; // @Step without id: javac already reports the missing element
      }
      String id = step.id();
      if (id.isEmpty()) {
        reporter.error(
            "step id of method " + step.signature() + " is empty: give the step a lowercase kebab-case id, e.g."
                + " @Step(id = \"" + Ids.stepIdFor(step.methodName()) + "\")",
            step.method(), step.annotation(), step.idValue());
        continue;
      }
      if (!Ids.isKebabCase(id)) {
        reporter.error(
            "step id '" + id + "' of method " + step.signature() + " is not lowercase kebab-case"
                + Ids.kebabCaseFix(id),
            step.method(), step.annotation(), step.idValue());
      }
      StepModel earlier = first.putIfAbsent(id, step);
      if (earlier != null) {
        reporter.error(
            "step id '" + id + "' of method " + step.signature() + " is already declared on method "
                + earlier.signature() + ": give each step of connector '" + connector.id() + "' its own id",
            step.method(), step.annotation(), step.idValue());
      }
    }
  }
}
