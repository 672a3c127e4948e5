package dev.stepgraph.runtime.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a plain command line without picocli: an optional command first, then only that command's
 * long options, each as {@code --name value}, {@code --name=value} or a bare flag. Anything else
 * ({@code --help}, {@code --version}, a short option, an unknown or repeated option, a value that
 * looks like an option or names a command, an {@code @file}, a value picocli would convert
 * differently) is left to picocli ({@link PicocliArgs}), which parses it or says what is wrong, so
 * the two never disagree ({@code PlainArgsTest} checks that they read the same). Loading picocli
 * costs a process more than the rest of a {@code plan}: the usual command lines do without it.
 */
final class PlainArgs {
  enum Kind {
    VALUE,
    INTEGER,
    REPEATED,
    FLAG,
    OPTIONAL_VALUE
  }

  private static final Map<String, Kind> RUN =
      Map.ofEntries(
          Map.entry("--output", Kind.VALUE),
          Map.entry("--step", Kind.REPEATED),
          Map.entry("--config", Kind.VALUE),
          Map.entry("--parallelism", Kind.INTEGER),
          Map.entry("--events", Kind.VALUE),
          Map.entry("--stacktrace", Kind.FLAG),
          Map.entry("--run-id", Kind.VALUE),
          Map.entry("--state", Kind.VALUE),
          Map.entry("--no-state", Kind.FLAG),
          Map.entry("--resume", Kind.OPTIONAL_VALUE),
          Map.entry("--keep-runs", Kind.INTEGER));
  private static final Map<String, Kind> PLAN = Map.of("--step", Kind.REPEATED);
  private static final Map<String, Kind> GRAPH = Map.of("--format", Kind.VALUE);
  private static final Map<String, Kind> RUNS = Map.of("--state", Kind.VALUE);
  private static final Set<String> COMMANDS = Set.of("run", "plan", "graph", "runs");

  private PlainArgs() {}

  /**
   * The options, or null when the command line is for picocli to read.
   *
   * @param severalConnectors whether {@code --connector} is an option
   */
  static @Nullable Options read(String[] args, boolean severalConnectors) {
    int first = 0;
    String command = "run";
    if (args.length > 0 && COMMANDS.contains(args[0])) {
      command = args[0];
      first = 1;
    }
    Map<String, Kind> known = known(command);
    Map<String, String> values = new HashMap<>();
    List<String> steps = new ArrayList<>();
    for (int i = first; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      Kind kind =
          severalConnectors && name.equals("--connector") ? Kind.VALUE : known.get(name);
      if (kind == null || values.containsKey(name) && kind != Kind.REPEATED) {
        return null;
      }
      String value;
      if (kind == Kind.FLAG) {
        if (eq >= 0) {
          return null;
        }
        value = "";
      } else if (kind == Kind.OPTIONAL_VALUE && eq < 0) {
        // Without '=', picocli takes the next argument as the value unless it is an option.
        if (i + 1 < args.length && !isOption(args[i + 1], known, severalConnectors)) {
          return null;
        }
        value = "";
      } else if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return null;
      }
      if (kind != Kind.FLAG && !(kind == Kind.OPTIONAL_VALUE && eq < 0) && !plainValue(value)) {
        return null;
      }
      if (kind == Kind.INTEGER && !plainInteger(value)) {
        return null;
      }
      if (kind == Kind.REPEATED) {
        steps.add(value);
      }
      values.put(name, value);
    }
    return new Read(command, values, steps);
  }

  /** The options of the command that a plain command line may give, by how each takes its value. */
  static Map<String, Kind> known(String command) {
    switch (command) {
      case "plan":
        return PLAN;
      case "graph":
        return GRAPH;
      case "runs":
        return RUNS;
      default:
        return RUN;
    }
  }

  private static boolean isOption(String arg, Map<String, Kind> known, boolean severalConnectors) {
    return known.containsKey(arg) || severalConnectors && arg.equals("--connector");
  }

  /**
   * A value picocli takes as it is: not empty, not like an option (but {@code -}, standard
   * output), not an {@code @file}, not a command's name.
   */
  private static boolean plainValue(String value) {
    return !value.isEmpty()
        && (value.equals("-") || value.charAt(0) != '-')
        && value.charAt(0) != '@'
        && !COMMANDS.contains(value);
  }

  /** Digits without a leading zero, within an int: read alike by every integer conversion. */
  private static boolean plainInteger(String value) {
    if (value.length() > 9 || value.charAt(0) == '0' && value.length() > 1) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** What {@link #read} found. */
  private static final class Read implements Options {
    private final String command;
    private final Map<String, String> values;
    private final List<String> steps;

    Read(String command, Map<String, String> values, List<String> steps) {
      this.command = command;
      this.values = values;
      this.steps = List.copyOf(steps);
    }

    @Override
    public String command() {
      return command;
    }

    @Override
    public @Nullable String string(String name) {
      return values.get(name);
    }

    @Override
    public @Nullable Integer integer(String name) {
      String value = values.get(name);
      return value == null ? null : Integer.valueOf(value);
    }

    @Override
    public boolean given(String name) {
      return values.containsKey(name);
    }

    @Override
    public List<String> steps() {
      return steps;
    }
  }
}
