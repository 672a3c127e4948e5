package dev.stepgraph.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@link CliCommandProvider}s on the class path or module path, found with {@link
 * ServiceLoader}, sorted by name; a provider whose name is one of the runtime's own commands, or
 * another provider's, is left out.
 */
final class CliProviders {
  private CliProviders() {}

  static List<CliCommandProvider> load() {
    List<CliCommandProvider> found = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of("run", "plan", "graph", "runs"));
    for (CliCommandProvider provider : ServiceLoader.load(CliCommandProvider.class)) {
      if (!names.contains(provider.name())) {
        names.add(provider.name());
        found.add(provider);
      }
    }
    found.sort((a, b) -> a.name().compareTo(b.name()));
    return found;
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (CliCommandProvider provider : load()) {
      names.add(provider.name());
    }
    return names;
  }
}
