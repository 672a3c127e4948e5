package dev.stepgraph.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Declared configuration keys: the name rule, what plan says of one, no key declared twice. */
class ConfigKeyDefinitionTest {

  @ParameterizedTest
  @ValueSource(strings = {"token", "api.token", "api.page-size", "inventory.max_items", "a1.b2-c3.d"})
  void keyNames(String name) {
    assertTrue(ConfigKeyDefinition.isKeyName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "API.TOKEN", "api..token", ".api", "api.", "api.2fa", "api.page--size",
      "api.page-", "api token", "api.tokén", "-api"})
  void notKeyNames(String name) {
    assertFalse(ConfigKeyDefinition.isKeyName(name));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigKeyDefinition.optional(name, ""));
    assertEquals("config key '" + name + "' is not a key name: lowercase dot-separated segments,"
        + " each a letter followed by letters and digits, words separated by single '-' or '_'",
        e.getMessage());
  }

  /**
   * The hand-written check agrees with the rule as a regular expression on every name of up to 7
   * characters over two letters, a digit, both separators and the dot (336,000 names), and on a
   * name with a capital.
   */
  @Test
  void keyNameCheckIsTheRuleOnEveryShortName() {
    String segment = "[a-z][a-z0-9]*([-_][a-z0-9]+)*";
    Pattern rule = Pattern.compile(segment + "(\\." + segment + ")*");
    List<String> names = new ArrayList<>(AllStrings.upTo(7, "ab1-_."));
    names.add("Ab");
    for (String name : names) {
      assertEquals(rule.matcher(name).matches(), ConfigKeyDefinition.isKeyName(name), name);
    }
  }

  @Test
  void describeGivesTheMarksThenTheDescription() {
    assertEquals("required, secret; API token",
        ConfigKeyDefinition.required("api.token", "API token").asSecret().describe());
    assertEquals("required", ConfigKeyDefinition.required("api.url", "").describe());
    assertEquals("secret", ConfigKeyDefinition.optional("api.key", "").asSecret().describe());
    assertEquals("Items per page", ConfigKeyDefinition.optional("api.page-size", "Items per page").describe());
    assertEquals("", ConfigKeyDefinition.optional("org", "").describe());
    assertEquals("API_PAGE_SIZE", ConfigKeyDefinition.optional("api.page-size", "").environmentVariable());
  }

  @Test
  void aKeyDeclaredTwiceIsAnError() {
    ConnectorGraph.Builder builder = ConnectorGraph.builder("github", "")
        .configKey(ConfigKeyDefinition.optional("api.token", ""));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.configKey(ConfigKeyDefinition.required("api.token", "again")));

    assertEquals("connector 'github': config key 'api.token' is declared twice", e.getMessage());
  }

  @Test
  void aGraphWithoutKeysHasNone() {
    assertEquals(List.of(),
        ConnectorGraph.builder("x", "").step("a", "", List.of(), ctx -> {}).build().configKeys());
  }
}
