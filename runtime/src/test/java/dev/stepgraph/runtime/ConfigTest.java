package dev.stepgraph.runtime;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path file = dir.resolve("connector.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void environmentVariablesOverrideTheFile() throws IOException {
    Config config =
        Config.load(
            file("api.base-url=https://file\napi.token=from-file\n"),
            Map.of("API_BASE_URL", "https://env"));

    assertEquals(Optional.of("https://env"), config.get("api.base-url"));
    assertEquals("from-file", config.require("api.token"));
    assertEquals(Optional.empty(), config.get("missing"));
  }

  @Test
  void theVariableNameIsTheKeyInUpperCaseWithUnderscores() {
    assertEquals("API_BASE_URL", Config.environmentVariable("api.base-url"));
    assertEquals("PAGE_SIZE2", Config.environmentVariable("page/size2"));
  }

  @Test
  void requireNamesTheKeyTheFileAndTheVariable() throws IOException {
    Path file = file("other=1\n");
    Config config = Config.load(file, Map.of());

    ConfigException e =
        assertThrows(ConfigException.class, () -> config.require("api.token"));

    assertEquals(
        "config key 'api.token' is not set: not in " + file
            + " and environment variable API_TOKEN is not set",
        e.getMessage());
  }

  @Test
  void requireWithoutAFileSaysHowToSetTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> Config.of(Map.of(), Map.of()).require("api.token"));

    assertEquals(
        "config key 'api.token' is not set: set environment variable API_TOKEN or pass --config"
            + " FILE with 'api.token' in it",
        e.getMessage());
  }

  @Test
  void valuesAreNeverPrinted() throws IOException {
    Config config =
        Config.load(file("api.token=s3cr3t\npage.size=abc\n"), Map.of("API_SECRET", "hidden"));

    assertFalse(config.toString().contains("s3cr3t"), config.toString());
    assertTrue(config.toString().contains("api.token"), config.toString());
    List<ConfigException> errors =
        List.of(
            assertThrows(ConfigException.class, () -> config.getInt("page.size", 10)),
            assertThrows(ConfigException.class, () -> config.getLong("page.size", 10)),
            assertThrows(ConfigException.class, () -> config.getBoolean("page.size", true)));
    for (ConfigException e : errors) {
      assertFalse(e.getMessage().contains("abc"), e.getMessage());
      assertTrue(e.getMessage().contains("page.size"), e.getMessage());
      // A NumberFormatException as cause would quote the value in every stack trace.
      assertNull(e.getCause(), e.getMessage());
    }
  }

  @Test
  void typedGettersFallBackToTheirDefaults() {
    Config config =
        Config.of(
            Map.of("page.size", "50", "limit", "9000000000", "dry-run", "TRUE"),
            Map.of("PAGE_SIZE", "25"));

    assertEquals(25, config.getInt("page.size", 10));
    assertEquals(7, config.getInt("absent", 7));
    assertEquals(9_000_000_000L, config.getLong("limit", 0));
    assertTrue(config.getBoolean("dry-run", false));
    assertTrue(config.getBoolean("absent", true));
    assertEquals(Set.of("dry-run", "limit", "page.size"), config.keys());
    assertEquals(List.of("dry-run", "limit", "page.size"), List.copyOf(config.keys()));
  }

  @Test
  void aFileThatIsNotUtf8IsNamedWithTheLineAndOffsetButNotTheBytes() throws IOException {
    Path file = dir.resolve("latin1.properties");
    // "password=café" in ISO-8859-1: the é is one byte, 0xE9, which UTF-8 cannot start with.
    Files.write(file, "region=eu\npassword=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Config.load(file, Map.of()));

    assertEquals(
        "config file '" + file + "' is not UTF-8: line 2 has a byte that is not valid UTF-8 (byte"
            + " offset 22); save the file as UTF-8",
        e.getMessage());
  }

  @Test
  void aUtf8SequenceCutOffAtTheEndIsNotUtf8() throws IOException {
    Path file = dir.resolve("cut.properties");
    Files.write(file, new byte[] {'a', '=', (byte) 0xC3});

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Config.load(file, Map.of()));

    assertTrue(e.getMessage().contains("is not UTF-8: line 1 has a byte that is not valid UTF-8"
        + " (byte offset 2)"), e.getMessage());
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstKey() throws IOException {
    Config config = Config.load(file("\uFEFFregion=eu-west-1\n"), Map.of());

    assertEquals(Optional.of("eu-west-1"), config.get("region"));
    assertEquals(Set.of("region"), config.keys());
  }

  @Test
  void anInvalidPropertiesFileIsNamed() throws IOException {
    Path file = file("key=\\uZZZZ\n");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Config.load(file, Map.of()));

    assertEquals(
        "config file '" + file + "' is not a valid properties file: Malformed \\uxxxx encoding.",
        e.getMessage());
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThrows(NoSuchFileException.class, () -> Config.load(dir.resolve("nope"), Map.of()));
  }

  @Test
  void stepsSeeTheRunsConfig() {
    StringBuilder seen = new StringBuilder();
    ConnectorGraph graph =
        ConnectorGraph.builder("config", "")
            .step("a", "", List.of(), 0, ctx -> seen.append(ctx.config().require("region")))
            .build();

    ConnectorRunner.builder(graph)
        .config(Config.of(Map.of("region", "eu-west-1"), Map.of()))
        .build()
        .run();

    assertEquals("eu-west-1", seen.toString());
  }
}
