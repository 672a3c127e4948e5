package dev.stepgraph.processor;

import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The types a step's body names as constants ({@link StepBodyTypes}) are ones it declares: in a
 * step that declares {@code reads}, every type it asks its prior data for; in one that declares
 * {@code emits}, every type of entity and relationship it creates. Else an error on the argument,
 * with the closest declared type or the declaration to extend: the runtime would fail the step
 * with the same complaint, on the first run that gets there.
 */
final class StepBodyContractCheck implements ConnectorCheck {
  private final Trees trees;

  StepBodyContractCheck(Trees trees) {
    this.trees = trees;
  }

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    Set<String> connectorEmits = new HashSet<>();
    for (StepModel step : connector.steps()) {
      connectorEmits.addAll(step.emitted());
    }
    for (StepModel step : connector.steps()) {
      if (step.typesInBody().isEmpty()) {
        continue;
      }
      Set<String> emitted = step.emitted();
      Set<String> read = step.read();
      for (StepModel.TypeInBody use : step.typesInBody()) {
        boolean emits = use.use().emits();
        Set<String> declared = emits ? emitted : read;
        if (declared.isEmpty() || declared.contains(use.type())) {
          continue;
        }
        String type = use.type();
        String message = "step '" + step.id() + "' " + what(use.use()) + " '" + type + "', which it does not "
            + (emits ? "declare" : "read") + ": @Step(" + (emits ? "emits" : "reads") + " = {" + quoted(declared)
            + "}); " + fix(type, emits, declared, connectorEmits);
        reporter.error(message, trees, use.argument(), use.unit());
      }
    }
  }

  /**
   * The closest declared type; for a read, only among the declared types that some step emits
   * (a misspelt {@code reads} entry is no better guess, and has an error of its own), and when none
   * is close but a step emits the type asked for, to read it.
   */
  private static String fix(String type, boolean emits, Set<String> declared, Set<String> connectorEmits) {
    List<String> candidates = new ArrayList<>();
    for (String candidate : declared) {
      if (emits || connectorEmits.contains(candidate)) {
        candidates.add(candidate);
      }
    }
    return new Suggestions(candidates).closest(type)
        .map(closest -> "did you mean '" + closest + "'?")
        .orElseGet(() -> !emits && connectorEmits.contains(type)
            ? "add '" + type + "' to reads"
            : "add '" + type + "' to " + (emits ? "emits, or emit" : "reads, or ask for") + " one of those");
  }

  private static String what(StepModel.Use use) {
    return switch (use) {
      case CREATES_ENTITY -> "creates an entity of type";
      case CREATES_RELATIONSHIP -> "creates a relationship of type";
      case READS_ENTITIES -> "asks its prior data for entities of type";
      case READS_RELATIONSHIPS -> "asks its prior data for relationships of type";
    };
  }

  /** {@code "host", "user"}, as the annotation is written. */
  private static String quoted(Set<String> types) {
    StringBuilder out = new StringBuilder();
    for (String type : types) {
      out.append(out.length() > 0 ? ", " : "").append('"').append(type).append('"');
    }
    return out.toString();
  }
}
