package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A run's configuration against the keys its connector declares, before any step runs: every
 * required key is set (in the file or the environment), and the properties file sets no key that
 * is not declared. Environment variables are not checked: the environment holds much else. A
 * connector that declares no key is not checked at all.
 */
public final class ConfigCheck {
  private ConfigCheck() {}

  /**
   * What is wrong, as one line: the first problem in full (required keys in declaration order,
   * then keys of the file in their sorted order), then how many more there are and what; null if
   * nothing is. Never quotes a value.
   */
  public static @Nullable String problems(
      String connectorId, List<ConfigKeyDefinition> keys, Config config) {
    if (keys.isEmpty()) {
      return null;
    }
    @Nullable Path file = config.file().orElse(null);
    List<String> full = new ArrayList<>();
    List<String> brief = new ArrayList<>();
    Set<String> declared = new LinkedHashSet<>();
    for (ConfigKeyDefinition key : keys) {
      declared.add(key.name());
      if (!key.required()) {
        continue;
      }
      Optional<String> value = config.get(key.name());
      if (value.isEmpty()) {
        full.add(notSet(key, file));
        brief.add("required '" + key.name() + "' is not set");
      } else if (value.get().isBlank()) {
        full.add("required config key '" + key.name() + "' is empty: give it a value "
            + (file == null ? "" : "in " + file + " or ") + "with environment variable "
            + key.environmentVariable());
        brief.add("required '" + key.name() + "' is empty");
      }
    }
    List<String> names = List.copyOf(declared);
    for (String name : config.keys()) {
      if (!declared.contains(name)) {
        full.add(undeclared(connectorId, keys, names, name, file));
        brief.add("'" + name + "' is not declared");
      }
    }
    if (full.isEmpty()) {
      return null;
    }
    String first = full.get(0);
    if (full.size() == 1) {
      return first;
    }
    return first + "; " + (full.size() - 1) + " more: "
        + String.join(", ", brief.subList(1, brief.size()));
  }

  private static String notSet(ConfigKeyDefinition key, @Nullable Path file) {
    String variable = key.environmentVariable();
    if (file == null) {
      return "required config key '" + key.name() + "' is not set: set environment variable "
          + variable + ", or pass --config FILE with '" + key.name() + "' in it";
    }
    return "required config key '" + key.name() + "' is not set: add it to " + file
        + ", or set environment variable " + variable;
  }

  private static String undeclared(
      String connectorId,
      List<ConfigKeyDefinition> keys,
      List<String> names,
      String name,
      @Nullable Path file) {
    String where = file == null ? "the configuration" : String.valueOf(file);
    String text = "config key '" + name + "' in " + where + " is not declared by connector '"
        + connectorId + "'";
    String closest = Suggestions.closest(name.toLowerCase(Locale.ROOT), names);
    if (closest != null) {
      for (ConfigKeyDefinition key : keys) {
        if (key.name().equals(closest)) {
          return text + "; did you mean '" + closest + "' (environment variable "
              + key.environmentVariable() + ")?";
        }
      }
    }
    return text + ": remove it, or declare it with @ConfigKey (declared: "
        + String.join(", ", names) + ")";
  }
}
