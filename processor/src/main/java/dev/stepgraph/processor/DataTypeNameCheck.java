package dev.stepgraph.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every type in {@code emits} and {@code reads} is a type name ({@link DataTypes}), else an error
 * with the name to rename it to; a type listed twice in one of them is a warning on the second.
 */
final class DataTypeNameCheck implements ConnectorCheck {
  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    for (StepModel step : connector.steps()) {
      check(step, "emits", step.emits(), reporter);
      check(step, "reads", step.reads(), reporter);
    }
  }

  private static void check(StepModel step, String element, List<StepModel.DataType> types, Reporter reporter) {
    Set<String> seen = new HashSet<>();
    for (StepModel.DataType type : types) {
      String name = type.name();
      if (!seen.add(name)) {
        reporter.warning(
            "step '" + step.id() + "' lists '" + name + "' more than once in " + element
                + ": remove the repeated entry",
            step.method(), step.annotation(), type.value());
      } else if (name.isEmpty()) {
        reporter.error(
            "step '" + step.id() + "' lists an empty string in " + element + ", which is not a type name: remove it",
            step.method(), step.annotation(), type.value());
      } else if (!DataTypes.isTypeName(name)) {
        reporter.error(
            "step '" + step.id() + "' " + element + " '" + name + "'" + DataTypes.typeNameFix(name),
            step.method(), step.annotation(), type.value());
      }
    }
  }
}
