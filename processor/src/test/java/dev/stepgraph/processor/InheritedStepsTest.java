package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Step} methods outside the connector class itself: the generated graph runs only the
 * methods the connector class declares, so inherited ones are reported, never silently dropped.
 */
class InheritedStepsTest {
  private static final String NOT_A_STEP = "the generated graph creates the connector class and runs only the"
      + " @Step methods declared in it, not inherited ones";

  private static JavaFileObject abstractBase() {
    return Compilations.connector("BaseConnector",
        "public abstract class BaseConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "  void helper() {}",
        "}");
  }

  @Test
  void stepsOfAnAbstractBaseCompiledWithItsSubclassAreErrorsOnTheirStepAnnotations() {
    JavaFileObject base = abstractBase();
    JavaFileObject connector = Compilations.connector("AwsConnector",
        "public class AwsConnector extends BaseConnector {",
        "  @Step(id = \"roles\", dependsOn = \"users\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(base, connector);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'users' is declared in abstract class com.acme.BaseConnector, so it is not a step: " + NOT_A_STEP
            + "; move users(StepContext) to the connector class that extends BaseConnector, or override it there"
            + " with @Step(id = \"users\") and remove @Step here",
        base, "\"users\"", "@Step");
    assertError(compilation,
        "step 'roles' depends on 'users', which AwsConnector inherits from com.acme.BaseConnector, but an inherited"
            + " @Step method is not a step: override users(StepContext) in AwsConnector with @Step(id = \"users\")",
        connector, "\"roles\"", "\"users\"");
  }

  /**
   * The base compiled earlier, as in another module or an incremental build that recompiles only
   * the subclass: the step it declares was dropped from the subclass's graph without a word.
   */
  @Test
  void stepsInheritedFromAnAbstractClassOnTheClassPathAreAnErrorOnTheConnector(@TempDir Path classes)
      throws IOException {
    JavaFileObject connector = Compilations.connector("AwsConnector",
        "@Connector(id = \"aws\")",
        "public class AwsConnector extends BaseConnector {",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = compileAgainst(classes, abstractBase(), connector);
    assertEquals(1, compilation.errors().size(), Diagnostics.describe(compilation));
    assertError(compilation,
        "connector com.acme.AwsConnector inherits step 'users' from abstract class com.acme.BaseConnector, but it is"
            + " not a step of AwsConnector: the generated graph runs only the @Step methods declared in the"
            + " connector class itself, not inherited ones; override users(StepContext) in AwsConnector with"
            + " @Step(id = \"users\")",
        connector, "@Connector", "@Connector");
  }

  @Test
  void overridingTheInheritedMethodWithStepMakesItAStepOfTheConnector(@TempDir Path classes) throws IOException {
    JavaFileObject connector = Compilations.connector("AwsConnector",
        "public class AwsConnector extends BaseConnector {",
        "  @Override @Step(id = \"users\") void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", dependsOn = \"users\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = compileAgainst(classes, abstractBase(), connector);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.AwsConnector_StepGraph").contentsAsUtf8String()
        .contains("graph.step(\"users\"");
  }

  @Test
  void overridingItWithoutStepLeavesItNoStep(@TempDir Path classes) throws IOException {
    JavaFileObject connector = Compilations.connector("AwsConnector",
        "public class AwsConnector extends BaseConnector {",
        "  @Override void users(StepContext ctx) {}",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = compileAgainst(classes, abstractBase(), connector);
    assertEquals(1, compilation.errors().size(), Diagnostics.describe(compilation));
    assertError(compilation,
        "connector com.acme.AwsConnector inherits step 'users' from abstract class com.acme.BaseConnector, but it is"
            + " not a step of AwsConnector: the generated graph runs only the @Step methods declared in the"
            + " connector class itself, not inherited ones; override users(StepContext) in AwsConnector with"
            + " @Step(id = \"users\")",
        connector, "public class AwsConnector", "class");
  }

  @Test
  void stepsInheritedFromAConnectorOfItsOwnAreAWarningOnTheSubclass() {
    JavaFileObject base = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    JavaFileObject connector = Compilations.connector("AwsPlusConnector",
        "public class AwsPlusConnector extends AwsConnector {",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(base, connector);
    assertThat(compilation).succeeded();
    assertEquals(1, compilation.warnings().size(), Diagnostics.describe(compilation));
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "connector com.acme.AwsPlusConnector inherits step 'users' from connector com.acme.AwsConnector, whose own"
            + " graph runs it, but it is not a step of AwsPlusConnector: the generated graph runs only the @Step"
            + " methods declared in the connector class itself, not inherited ones; to run it here too, override"
            + " users(StepContext) in AwsPlusConnector with @Step(id = \"users\")",
        connector, "public class AwsPlusConnector", "class");
  }

  /** Compiles {@code base} alone, without the processor, then {@code connector} against its class files. */
  private static Compilation compileAgainst(Path classes, JavaFileObject base, JavaFileObject connector)
      throws IOException {
    Compilation baseCompilation = javac().compile(base);
    assertThat(baseCompilation).succeeded();
    for (JavaFileObject file : baseCompilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        Path target = classes.resolve(path.substring(path.indexOf("/com/") + 1));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return javac().withProcessors(new StepGraphProcessor()).withClasspath(classpath).compile(connector);
  }
}
