package dev.stepgraph.processor;

import java.util.HashSet;
import java.util.Set;

/**
 * Every {@code @ConfigKey} of a connector has a key name ({@link ConfigKeyNames}), else an error
 * with the name to rename it to; a name declared twice is an error on the second.
 */
final class ConfigKeyCheck implements ConnectorCheck {
  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    Set<String> seen = new HashSet<>();
    for (ConfigKeyModel key : connector.configKeys()) {
      String name = key.name();
      if (name.isEmpty()) {
        key.error("a @ConfigKey of connector '" + connector.id() + "' has an empty name: give it the key"
            + " its configuration file uses, such as 'api.token'", connector.type(), reporter);
      } else if (!ConfigKeyNames.isKeyName(name)) {
        key.error("connector '" + connector.id() + "' declares config key '" + name + "'"
            + ConfigKeyNames.keyNameFix(name), connector.type(), reporter);
      } else if (!seen.add(name)) {
        key.error("config key '" + name + "' is declared more than once on connector '" + connector.id()
            + "': remove this @ConfigKey, or give it another name", connector.type(), reporter);
      }
    }
  }
}
