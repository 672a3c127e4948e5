package dev.stepgraph.processor;

import com.sun.source.util.Trees;
import java.util.List;
import java.util.Set;

/**
 * In a connector that declares configuration keys, every key a step's body reads by a constant
 * ({@link StepBodyTypes}: {@code ctx.config().require("api.token")}) is declared; else an error on
 * the argument, with the closest declared key or the declaration to add. A connector that
 * declares no key reads any key, unchecked.
 */
final class StepBodyConfigCheck implements ConnectorCheck {
  private final Trees trees;

  StepBodyConfigCheck(Trees trees) {
    this.trees = trees;
  }

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    if (connector.configKeys().isEmpty()) {
      return;
    }
    Set<String> declared = connector.configKeyNames();
    Suggestions suggestions = null;
    for (StepModel step : connector.steps()) {
      for (StepModel.ConfigInBody use : step.configInBody()) {
        String key = use.key();
        if (declared.contains(key)) {
          continue;
        }
        if (suggestions == null) {
          suggestions = new Suggestions(List.copyOf(declared));
        }
        String message = "step '" + step.id() + "' reads config key '" + key + "', which connector '"
            + connector.id() + "' does not declare: " + suggestions.closest(key)
                .map(closest -> "did you mean '" + closest + "'?")
                .orElse("declare it with @ConfigKey(name = \"" + key + "\") on "
                    + connector.type().getSimpleName() + ", or read one of the declared keys ("
                    + String.join(", ", declared) + ")");
        reporter.error(message, trees, use.argument(), use.unit());
      }
    }
  }
}
