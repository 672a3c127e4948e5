package dev.stepgraph.runtime.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The options of a command line, read by {@link PlainArgs} or, for anything it does not take, by
 * picocli ({@link ParsedOptions}): for an option given before the subcommand and after it, the
 * value after it.
 */
interface Options {
  /** The command: {@code run} (the default), {@code plan}, {@code graph} or {@code runs}. */
  String command();

  @Nullable String string(String name);

  @Nullable Integer integer(String name);

  /** Whether the option (or flag) was given, before the subcommand or after it. */
  boolean given(String name);

  /** Every {@code --step}, before the subcommand and after it. */
  List<String> steps();
}
