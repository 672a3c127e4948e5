package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "Compile errors" section true: its {@code AcmeConnector} listing, compiled
 * as it stands, reports exactly what its {@code mvn compile} transcript shows, in that order, with
 * the same line, column and text. The transcript is laid out as maven-compiler-plugin prints a
 * failed compilation: javac's notes as {@code [INFO] FILE:[LINE,COLUMN] MESSAGE}, then any
 * warnings, then the errors as {@code [ERROR] FILE:[LINE,COLUMN] MESSAGE} and their count; the
 * README leaves out Maven's own lines ({@code ...}) and its separators. The real javac transcript of
 * the section is {@link ReadmeCompileErrorsIT}'s.
 */
class ReadmeCompileErrorsTest {

  @Test
  void theMavenTranscriptIsWhatTheListingCompilesTo() throws Exception {
    Readme section = Readme.read().section("Compile errors");
    List<String> source = Readme.withoutLineNumbers(section.blocks("java").get(0));
    List<String> transcript = section.blockStartingWith("text", "$ mvn compile");
    List<String> shown = new ArrayList<>();
    for (String line : transcript.subList(1, transcript.size())) {
      if (!line.equals("...") && !line.matches("\\[INFO\\] -+")) {
        shown.add(line);
      }
    }

    JavaFileObject listing = JavaFileObjects.forSourceLines(Readme.qualifiedName(source), source);
    Compilation compilation = Compilations.compile(listing);
    String file = "src/main/java/" + Readme.path(source);
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String where = d.getSource() == null ? ""
          : (d.getSource() == listing ? file : d.getSource().getName()) + ":[" + d.getLineNumber() + ","
              + d.getColumnNumber() + "] ";
      switch (d.getKind()) {
        case ERROR -> errors.add("[ERROR] " + where + d.getMessage(Locale.ROOT));
        case WARNING, MANDATORY_WARNING -> warnings.add("[WARNING] " + where + d.getMessage(Locale.ROOT));
        default -> notes.add("[INFO] " + where + d.getMessage(Locale.ROOT));
      }
    }
    assertTrue(!errors.isEmpty(), "the listing compiles");
    List<String> printed = new ArrayList<>(notes);
    if (!warnings.isEmpty()) {
      printed.add("[WARNING] COMPILATION WARNING :");
      printed.addAll(warnings);
      printed.add("[INFO] " + warnings.size() + (warnings.size() > 1 ? " warnings" : " warning"));
    }
    printed.add("[ERROR] COMPILATION ERROR :");
    printed.addAll(errors);
    printed.add("[INFO] " + errors.size() + (errors.size() > 1 ? " errors" : " error"));
    assertEquals(printed, shown, "the README's 'mvn compile' transcript and what the listing compiles to");
  }
}
