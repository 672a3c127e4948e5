package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PlainArgs} reads a command line exactly as picocli does, or leaves it to picocli: for each
 * command line it takes, every option reads the same through both.
 */
class PlainArgsTest {
  private static final List<String> NAMES =
      List.of(
          "--output", "--step", "--config", "--parallelism", "--events", "--stacktrace", "--run-id",
          "--state", "--no-state", "--resume", "--keep-runs", "--format", "--connector");
  private static final List<String> INTEGERS = List.of("--parallelism", "--keep-runs");
  private static final List<String> IDS = List.of("a", "b");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "run",
        "plan",
        "graph",
        "runs",
        "plan --step users",
        "plan --step users --step=roles",
        "--output out.jsonl",
        "--output=out.jsonl --no-state",
        "--output=a=b",
        "run --output - --stacktrace",
        "--output - --events human",
        "run --events json --parallelism 4 --keep-runs 12",
        "--parallelism 0",
        "--parallelism=123456789",
        "--step a --step b --step a",
        "--config app.properties --run-id 20261201T204512Z-3fa9",
        "--state dir --resume",
        "--resume --state dir",
        "--resume=20261201T204512Z-3fa9 --step x",
        "--no-state --stacktrace --output o",
        "graph --format mermaid",
        "runs --state .stepgraph",
        "--output run.txt",
        "--output plans",
      })
  void readsWhatPicocliReads(String line) {
    assertSame(line, false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--connector a",
        "plan --connector=b --step users",
        "graph --connector a --format dot",
        "runs --connector b",
        "--connector a --resume --no-state",
      })
  void readsWhatPicocliReadsWithSeveralConnectors(String line) {
    assertSame(line, true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "-h",
        "plan --help",
        "--version",
        "run -V",
        "--output",
        "--output --step a",
        "--output=",
        "--output plan",
        "--output @args.txt",
        "@args.txt",
        "--output a --output b",
        "--no-state --no-state",
        "--no-state=true",
        "--stacktrace=false",
        "--resume 20261201T204512Z-3fa9",
        "--resume -",
        "--parallelism -1",
        "--parallelism 010",
        "--parallelism 0x10",
        "--parallelism 1234567890",
        "--parallelism four",
        "--state dir plan",
        "plan --output o",
        "plan run",
        "graph --step a",
        "runs --no-state",
        "--connector a",
        "users",
        "--",
        "-",
        "--outpu o",
        "--Output o",
      })
  void leavesTheRestToPicocli(String line) {
    assertNull(PlainArgs.read(args(line), false), line);
  }

  private static void assertSame(String line, boolean severalConnectors) {
    String[] args = args(line);
    Options plain = PlainArgs.read(args, severalConnectors);
    assertNotNull(plain, line);
    Options parsed = PicocliArgs.parse(args, severalConnectors ? IDS : null);
    assertEquals(parsed.command(), plain.command(), line);
    assertEquals(parsed.steps(), plain.steps(), line);
    for (String name : NAMES) {
      if (!severalConnectors && name.equals("--connector")) {
        continue;
      }
      assertEquals(parsed.given(name), plain.given(name), line + ": " + name);
      if (INTEGERS.contains(name)) {
        assertEquals(parsed.integer(name), plain.integer(name), line + ": " + name);
      } else if (!name.equals("--stacktrace") && !name.equals("--no-state") && !name.equals("--step")) {
        assertEquals(stringOf(parsed, name), plain.string(name), line + ": " + name);
      }
    }
  }

  /**
   * The options each command takes are declared twice, in {@link CommandSpecs} for picocli and in
   * {@link PlainArgs}: both name the same options, each taking its value the same way.
   */
  @ParameterizedTest
  @ValueSource(strings = {"run", "plan", "graph", "runs"})
  void knowsExactlyTheOptionsOfPicocli(String command) {
    CommandSpec spec = CommandSpecs.root(null).subcommands().get(command).getCommandSpec();
    Map<String, PlainArgs.Kind> fromPicocli = new TreeMap<>();
    for (OptionSpec option : spec.options()) {
      String name = option.longestName();
      if (!name.equals("--help") && !name.equals("--version")) {
        fromPicocli.put(name, kindOf(option));
      }
    }
    assertEquals(fromPicocli, new TreeMap<>(PlainArgs.known(command)));
  }

  private static PlainArgs.Kind kindOf(OptionSpec option) {
    if (option.arity().max() == 0) {
      return PlainArgs.Kind.FLAG;
    }
    if (option.arity().min() == 0) {
      return PlainArgs.Kind.OPTIONAL_VALUE;
    }
    if (option.isMultiValue()) {
      return PlainArgs.Kind.REPEATED;
    }
    return option.type() == Integer.class || option.type() == int.class
        ? PlainArgs.Kind.INTEGER
        : PlainArgs.Kind.VALUE;
  }

  /** A flag's value is a Boolean in picocli: only whether it was given counts. */
  private static @Nullable String stringOf(Options options, String name) {
    return options.string(name);
  }

  private static String[] args(String line) {
    return line.isEmpty() ? new String[0] : line.split(" ");
  }
}
