package dev.stepgraph.processor;

import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycleChecksTest {

  @Test
  void twoStepCycleIsReportedOnTheFirstStepsDependencyWithANoteHowToBreakIt(@TempDir Path temp) {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"a\", dependsOn = {\"c\", \"b\"}) void a(StepContext ctx) {}",
        "  @Step(id = \"b\", dependsOn = \"a\") void b(StepContext ctx) {}",
        "  @Step(id = \"c\") void c(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation, "cycle detected in step dependencies: a -> b -> a", source, "\"a\", dependsOn", "\"b\"");
    assertDiagnostic(compilation, Diagnostic.Kind.NOTE,
        "to break the cycle a -> b -> a, remove one of these dependsOn entries: 'b' from step 'a', 'a' from step 'b'",
        source, "\"a\", dependsOn", "\"b\"");
    assertEquals(List.of(), GeneratedDirectory.generatedSources(temp, source), "nothing generated for a connector with errors");
  }

  @Test
  void selfDependencyIsACycleOfOneStep() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"a\", dependsOn = \"a\") void a(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation, "cycle detected in step dependencies: a -> a", source, "\"a\", dependsOn", "\"a\")");
  }

  @Test
  void twoDisjointCyclesAreEachReportedOnceAndDownstreamStepsNotAtAll() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"x\", dependsOn = \"y\") void x(StepContext ctx) {}",
        "  @Step(id = \"y\", dependsOn = \"x\") void y(StepContext ctx) {}",
        "  @Step(id = \"after-x\", dependsOn = \"x\") void afterX(StepContext ctx) {}",
        "  @Step(id = \"p\", dependsOn = \"r\") void p(StepContext ctx) {}",
        "  @Step(id = \"q\", dependsOn = \"p\") void q(StepContext ctx) {}",
        "  @Step(id = \"r\", dependsOn = \"q\") void r(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertEquals(
        List.of("cycle detected in step dependencies: x -> y -> x", "cycle detected in step dependencies: p -> r -> q -> p"),
        Diagnostics.errors(compilation));
    assertError(compilation, "cycle detected in step dependencies: p -> r -> q -> p", source, "\"p\", dependsOn", "\"r\"");
  }

  @Test
  void cycleStartsAtTheFirstDeclaredStepOfTheComponentAndIsTheShortestThroughIt() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"c\", dependsOn = \"a\") void c(StepContext ctx) {}",
        "  @Step(id = \"a\", dependsOn = \"b\") void a(StepContext ctx) {}",
        "  @Step(id = \"b\", dependsOn = {\"d\", \"c\"}) void b(StepContext ctx) {}",
        "  @Step(id = \"d\", dependsOn = \"e\") void d(StepContext ctx) {}",
        "  @Step(id = \"e\", dependsOn = \"c\") void e(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertEquals(List.of("cycle detected in step dependencies: c -> a -> b -> c"), Diagnostics.errors(compilation));
    assertError(compilation, "cycle detected in step dependencies: c -> a -> b -> c", source, "\"c\", dependsOn", "\"a\"");
  }

  /**
   * c -> a -> b -> c and c -> a -> b -> d -> e -> c share c -> a and a -> b: removing 'c' from b
   * would leave the second, so the note names only the entries that break both.
   */
  @Test
  void cyclesSharingEdgesGetANoteNamingOnlyTheEntriesThatBreakThemAll() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"c\", dependsOn = \"a\") void c(StepContext ctx) {}",
        "  @Step(id = \"a\", dependsOn = \"b\") void a(StepContext ctx) {}",
        "  @Step(id = \"b\", dependsOn = {\"d\", \"c\"}) void b(StepContext ctx) {}",
        "  @Step(id = \"d\", dependsOn = \"e\") void d(StepContext ctx) {}",
        "  @Step(id = \"e\", dependsOn = \"c\") void e(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertDiagnostic(compilation, Diagnostic.Kind.NOTE,
        "to break the cycle c -> a -> b -> c and every other cycle among steps c, a, b, d, e, remove one of these"
            + " dependsOn entries: 'a' from step 'c', 'b' from step 'a'",
        source, "\"c\", dependsOn", "\"a\"");
  }

  /** x -> y -> x and x -> z -> x share only x: no one entry breaks both. */
  @Test
  void cyclesThatNoSingleEntryBreaksGetANoteSayingMoreThanOneMustGo() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"x\", dependsOn = {\"y\", \"z\"}) void x(StepContext ctx) {}",
        "  @Step(id = \"y\", dependsOn = \"x\") void y(StepContext ctx) {}",
        "  @Step(id = \"z\", dependsOn = \"x\") void z(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation, "cycle detected in step dependencies: x -> y -> x", source, "\"x\", dependsOn", "\"y\"");
    assertDiagnostic(compilation, Diagnostic.Kind.NOTE,
        "to break the cycle x -> y -> x and every other cycle among steps x, y, z, remove more than one dependsOn"
            + " entry (no single one breaks them all), e.g. 'y' from step 'x' and 'z' from step 'x'",
        source, "\"x\", dependsOn", "\"y\"");
  }
}
