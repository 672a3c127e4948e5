package com.acme.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the fixture's steps fail: the lines marked {@code // fails here: <what>}. */
public final class FailsHere {
  private FailsHere() {}

  /**
   * The line of {@code // fails here: <step>} in the test source {@code file}: a path below {@code
   * com/acme/github/}, or, starting with {@code /}, below the test sources' root.
   */
  public static int line(String file, String step) throws IOException {
    Path source = Path.of("src/test/java/" + (file.startsWith("/") ? file.substring(1) : "com/acme/github/" + file));
    List<String> lines = Files.readAllLines(source);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("// fails here: " + step)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line '// fails here: " + step + "' in " + source);
  }
}
