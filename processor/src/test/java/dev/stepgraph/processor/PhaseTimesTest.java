package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code -Astepgraph.timings=true}: one note at the end that says where the time went. */
class PhaseTimesTest {
  private static final JavaFileObject SOURCE = Compilations.connector("CloudConnector",
      "public class CloudConnector {",
      "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
      "  @Step(id = \"services\", dependsOn = \"hosts\", reads = \"host\")",
      "  void services(StepContext ctx) { ctx.prior().entitiesByType(\"host\"); }",
      "}");

  private static List<String> notes(Compilation compilation) {
    return compilation.notes().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  @Test
  void withTheOptionTheLastNoteGivesEveryPhase() {
    Compilation compilation = javac().withProcessors(new StepGraphProcessor())
        .withOptions("-Astepgraph.timings=true").compile(SOURCE);

    assertThat(compilation).succeededWithoutWarnings();
    List<String> notes = notes(compilation);
    assertEquals(1, notes.size(), notes.toString());
    String phase = " [0-9]+\\.[0-9] ms";
    assertTrue(Pattern.matches("stepgraph timings: read" + phase + ", scan step bodies \\(in read\\)" + phase
            + ", ConnectorTypeCheck" + phase + ", .*, ReadsUpstreamCheck" + phase + ".*"
            + ", StepBodyContractCheck" + phase + ", .*fingerprint" + phase + ", generate" + phase, notes.get(0)),
        notes.get(0));
    assertEquals(Diagnostic.Kind.NOTE, compilation.notes().get(0).getKind());
  }

  @Test
  void withoutTheOptionThereIsNoNote() {
    Compilation compilation = Compilations.compile(SOURCE);

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), notes(compilation));
  }
}
