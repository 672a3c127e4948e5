package dev.stepgraph.temporal;

import dev.stepgraph.runtime.cli.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The options of one {@code temporal} subcommand, read by its own table: options with a value,
 * options whose value may be left out ({@code --resume [RUN_ID]}), options given more than once
 * ({@code --step}). A mistake is one line, naming the subcommand.
 */
final class CommandArgs {
  private final Map<String, List<String>> values;
  private final String command;

  private CommandArgs(String command, Map<String, List<String>> values) {
    this.command = command;
    this.values = values;
  }

  static CommandArgs read(
      String command,
      List<String> args,
      Set<String> valued,
      Set<String> optionalValue,
      Set<String> repeatable) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (!valued.contains(name) && !optionalValue.contains(name)) {
        throw new UsageException(
            arg.startsWith("-")
                ? command + ": unknown option '" + name + "'"
                : command + ": unexpected argument '" + arg + "'");
      }
      if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      }
      if (value == null && valued.contains(name)) {
        throw new UsageException(command + ": " + name + " needs a value");
      }
      if (values.containsKey(name) && !repeatable.contains(name)) {
        throw new UsageException(command + ": " + name + " is given twice");
      }
      values.computeIfAbsent(name, key -> new ArrayList<>()).add(value == null ? "" : value);
    }
    return new CommandArgs(command, values);
  }

  boolean given(String name) {
    return values.containsKey(name);
  }

  @Nullable String value(String name) {
    List<String> given = values.get(name);
    return given == null ? null : given.get(0);
  }

  String required(String name, String what) {
    String value = value(name);
    if (value == null || value.isEmpty()) {
      throw new UsageException(command + " needs " + name + " " + what);
    }
    return value;
  }

  /** The options as given, in order, for those in {@code names}. */
  List<String> passOn(Set<String> names) {
    List<String> args = new ArrayList<>();
    values.forEach((name, given) -> {
      if (names.contains(name)) {
        for (String value : given) {
          args.add(name);
          if (!value.isEmpty()) {
            args.add(value);
          }
        }
      }
    });
    return args;
  }
}
