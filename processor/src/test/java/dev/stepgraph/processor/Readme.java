package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's README.md, read the way ReadmeCommandsIT of the example reads it: from the
 * repository root ({@code ..} from this module, or {@code -Dstepgraph.repo.root}), in fenced
 * blocks.
 */
final class Readme {
  private static final Pattern NUMBERED = Pattern.compile(" *([0-9]+)  ?(.*)");
  private static final Pattern DECLARED = Pattern.compile("(?sm).*?^package ([\\w.]+);.*?^public class (\\w+)\\b.*");

  private final List<String> lines;

  private Readme(List<String> lines) {
    this.lines = lines;
  }

  static Readme read() throws IOException {
    Path root = Paths.get(System.getProperty("stepgraph.repo.root", "..")).toAbsolutePath().normalize();
    Path readme = root.resolve("README.md");
    assertTrue(Files.isRegularFile(readme), "no README.md at the repository root " + root);
    return new Readme(Files.readAllLines(readme, StandardCharsets.UTF_8));
  }

  /** The lines of section {@code ## title}, up to the next {@code ## } heading. */
  Readme section(String title) {
    int start = lines.indexOf("## " + title);
    assertTrue(start >= 0, "the README has no section '## " + title + "'");
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return new Readme(lines.subList(start + 1, end));
  }

  /** The lines of every fenced block of this language, block by block. */
  List<List<String>> blocks(String language) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (current == null && line.equals("```" + language)) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  /**
   * The rows of the Markdown table whose header line is {@code header}, each as its cells without
   * the backticks around them: {@code | `PT1.098S` | `1.1s` |} is {@code [PT1.098S, 1.1s]}.
   */
  List<List<String>> table(String header) {
    int at = lines.indexOf(header);
    assertTrue(at >= 0, "the README has no table " + header);
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> cells = new ArrayList<>();
      String line = lines.get(i);
      for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
        String text = cell.strip();
        cells.add(text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text);
      }
      rows.add(cells);
    }
    return rows;
  }

  /** The block of this language whose first line starts with {@code firstLine}. */
  List<String> blockStartingWith(String language, String firstLine) {
    for (List<String> block : blocks(language)) {
      if (!block.isEmpty() && block.get(0).startsWith(firstLine)) {
        return block;
      }
    }
    throw new AssertionError("the README has no " + language + " block starting with " + firstLine);
  }

  /** A listing whose lines are numbered {@code " 1  package com.acme;"}, without the numbers. */
  static List<String> withoutLineNumbers(List<String> listing) {
    List<String> source = new ArrayList<>();
    for (String line : listing) {
      Matcher numbered = NUMBERED.matcher(line);
      assertTrue(numbered.matches(), "not a numbered line: '" + line + "'");
      assertEquals(source.size() + 1, Integer.parseInt(numbered.group(1)), "numbering of '" + line + "'");
      source.add(numbered.group(2));
    }
    return source;
  }

  /** {@code com/acme/AcmeConnector.java} for a source that declares {@code public class AcmeConnector} in {@code com.acme}. */
  static String path(List<String> source) {
    return qualifiedName(source).replace('.', '/') + ".java";
  }

  /** {@code com.acme.AcmeConnector} for a source that declares {@code public class AcmeConnector} in {@code com.acme}. */
  static String qualifiedName(List<String> source) {
    Matcher declared = DECLARED.matcher(String.join("\n", source));
    assertTrue(declared.matches(), "no package and public class in\n" + String.join("\n", source));
    return declared.group(1) + "." + declared.group(2);
  }
}
