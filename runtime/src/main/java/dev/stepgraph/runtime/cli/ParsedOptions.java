package dev.stepgraph.runtime.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParseResult;

/** Option values that picocli parsed, from the subcommand or, before it, the root command. */
final class ParsedOptions implements Options {
  private final ParseResult root;
  private final @Nullable ParseResult sub;

  ParsedOptions(ParseResult root, @Nullable ParseResult sub) {
    this.root = root;
    this.sub = sub;
  }

  @Override
  public String command() {
    return sub == null ? "run" : sub.commandSpec().name();
  }

  @Override
  public @Nullable String string(String name) {
    return value(name);
  }

  @Override
  public @Nullable Integer integer(String name) {
    return value(name);
  }

  @Override
  public boolean given(String name) {
    return (sub != null && sub.hasMatchedOption(name)) || root.hasMatchedOption(name);
  }

  @Override
  public List<String> steps() {
    List<String> all = new ArrayList<>();
    String[] fromRoot = root.matchedOptionValue("--step", new String[0]);
    all.addAll(Arrays.asList(fromRoot));
    if (sub != null && sub.commandSpec().findOption("--step") != null) {
      all.addAll(Arrays.asList(sub.matchedOptionValue("--step", new String[0])));
    }
    return all;
  }

  private <T> @Nullable T value(String name) {
    if (sub != null && sub.hasMatchedOption(name)) {
      return sub.matchedOptionValue(name, null);
    }
    if (root.hasMatchedOption(name)) {
      return root.matchedOptionValue(name, null);
    }
    return null;
  }
}
