package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Method and class shape: what the generated {@code connector::method} and {@code new Connector()} need. */
class ShapeChecksTest {

  private static void assertOnlyError(JavaFileObject source, String message, String line, String at) {
    Compilation compilation = Compilations.compile(source);
    assertEquals(List.of(message), Diagnostics.errors(compilation), Diagnostics.describe(compilation));
    assertError(compilation, message, source, line, at);
  }

  private static JavaFileObject oneStep(String method) {
    return Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  " + method,
        "}");
  }

  @Test
  void privateStepMethod() {
    assertOnlyError(oneStep("private void users(StepContext ctx) {}"),
        "step 'users': method users(StepContext) is private, but the generated graph calls it:"
            + " make it package-private, protected or public",
        "@Step", "@Step");
  }

  @Test
  void staticStepMethod() {
    assertOnlyError(oneStep("static void users(StepContext ctx) {}"),
        "step 'users': method users(StepContext) is static, but steps run on a connector instance: remove static",
        "@Step", "@Step");
  }

  @Test
  void stepMethodWithoutParameters() {
    assertOnlyError(oneStep("void users() {}"),
        "step 'users': method users() must take exactly one parameter of type dev.stepgraph.runtime.StepContext:"
            + " declare it as users(StepContext ctx)",
        "@Step", "@Step");
  }

  @Test
  void stepMethodWithAWrongParameterType() {
    assertOnlyError(oneStep("void users(String ctx) {}"),
        "step 'users': method users(String) must take exactly one parameter of type dev.stepgraph.runtime.StepContext:"
            + " declare it as users(StepContext ctx)",
        "@Step", "@Step");
  }

  @Test
  void stepMethodWithTwoParameters() {
    assertOnlyError(oneStep("void users(StepContext ctx, int limit) {}"),
        "step 'users': method users(StepContext, int) must take exactly one parameter of type"
            + " dev.stepgraph.runtime.StepContext: declare it as users(StepContext ctx)",
        "@Step", "@Step");
  }

  @Test
  void stepMethodReturningAValue() {
    assertOnlyError(oneStep("int users(StepContext ctx) { return 0; }"),
        "step 'users': method users(StepContext) returns int, but a step returns void and emits its results with"
            + " ctx.emit(...): change the return type to void",
        "@Step", "@Step");
  }

  @Test
  void genericStepMethod() {
    assertOnlyError(oneStep("<T> void users(StepContext ctx) {}"),
        "step 'users': method users(StepContext) is generic: remove its type parameters <T>",
        "@Step", "@Step");
  }

  @Test
  void stepMethodThrowingThrowable() {
    assertOnlyError(oneStep("void users(StepContext ctx) throws Throwable {}"),
        "step 'users': method users(StepContext) throws java.lang.Throwable, but a step may only throw Exception and"
            + " its subtypes: declare throws Exception (or a subtype) instead",
        "@Step", "@Step");
  }

  @Test
  void stepMethodThrowingExceptionsAndErrorsIsFine() {
    assertThat(Compilations.compile(oneStep(
            "void users(StepContext ctx) throws java.io.IOException, InterruptedException, AssertionError {}")))
        .succeededWithoutWarnings();
  }

  @Test
  void abstractConnectorClass() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public abstract class AwsConnector {",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "step 'users' is declared in abstract class com.acme.AwsConnector, so it is not a step: the generated graph"
            + " creates the connector class and runs only the @Step methods declared in it, not inherited ones; move"
            + " users(StepContext) to the connector class that extends AwsConnector, or override it there with"
            + " @Step(id = \"users\") and remove @Step here",
        "\"users\"", "@Step");
  }

  @Test
  void connectorWithoutNoArgumentConstructor() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "@Connector",
            "public class AwsConnector {",
            "  AwsConnector(String region) {}",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "connector com.acme.AwsConnector has no non-private no-argument constructor, which the generated"
            + " AwsConnector_StepGraph.create() calls: add one (a step reads its settings from ctx.config())",
        "@Connector", "@Connector");
  }

  @Test
  void connectorWithOnlyAPrivateNoArgumentConstructor() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public class AwsConnector {",
            "  private AwsConnector() {}",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "connector com.acme.AwsConnector has no non-private no-argument constructor, which the generated"
            + " AwsConnector_StepGraph.create() calls: add one (a step reads its settings from ctx.config())",
        "public class", "class");
  }

  @Test
  void constructorThrowingACheckedException() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public class AwsConnector {",
            "  public AwsConnector() throws java.io.IOException {}",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "connector com.acme.AwsConnector: its no-argument constructor throws checked exception java.io.IOException,"
            + " which the generated AwsConnector_StepGraph.create() cannot throw: handle it in the constructor,"
            + " or do the work in a step",
        "public AwsConnector()", "AwsConnector");
  }

  @Test
  void innerClassConnector() {
    assertOnlyError(
        Compilations.connector("Outer",
            "public class Outer {",
            "  class Aws {",
            "    @Step(id = \"users\") void users(StepContext ctx) {}",
            "  }",
            "}"),
        "connector com.acme.Outer.Aws is an inner class, so the generated Outer_Aws_StepGraph cannot create it"
            + " without an instance of Outer: make it a static nested class",
        "class Aws", "class");
  }

  @Test
  void privateNestedConnector() {
    assertOnlyError(
        Compilations.connector("Outer",
            "public class Outer {",
            "  private static class Aws {",
            "    @Step(id = \"users\") void users(StepContext ctx) {}",
            "  }",
            "}"),
        "connector com.acme.Outer.Aws is private, so the generated Outer_Aws_StepGraph in the same package cannot"
            + " reach it: make it package-private or public",
        "class Aws", "class");
  }

  @Test
  void connectorNestedInAPrivateClass() {
    assertOnlyError(
        Compilations.connector("Outer",
            "public class Outer {",
            "  private static class Middle {",
            "    static class Aws {",
            "      @Step(id = \"users\") void users(StepContext ctx) {}",
            "    }",
            "  }",
            "}"),
        "connector com.acme.Outer.Middle.Aws is nested in private class com.acme.Outer.Middle, so the generated"
            + " Outer_Middle_Aws_StepGraph in the same package cannot reach it: make Middle package-private or public",
        "class Aws", "class");
  }

  @Test
  void genericConnectorClass() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public class AwsConnector<T> {",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "connector com.acme.AwsConnector is generic, but the generated AwsConnector_StepGraph creates it with"
            + " new AwsConnector(): remove the type parameters",
        "public class", "class");
  }

  @Test
  void stepsInAnInterface() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public interface AwsConnector {",
            "  @Step(id = \"users\") default void users(StepContext ctx) {}",
            "}"),
        "@Step methods are declared in interface com.acme.AwsConnector, but a connector must be a class:"
            + " move the @Step methods to a class with a no-argument constructor",
        "public interface", "interface");
  }

  @Test
  void stepsInAnEnum() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public enum AwsConnector {",
            "  INSTANCE;",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "@Step methods are declared in enum com.acme.AwsConnector, but a connector must be a class:"
            + " move the @Step methods to a class with a no-argument constructor",
        "public enum", "enum");
  }

  @Test
  void stepsInARecord() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public record AwsConnector() {",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "@Step methods are declared in record com.acme.AwsConnector, but a connector must be a class:"
            + " move the @Step methods to a class with a no-argument constructor",
        "public record", "record");
  }

  @Test
  void staticNestedConnectorGetsAGraphNamedAfterItsEnclosingClasses() {
    Compilation compilation = Compilations.compile(Compilations.connector("Outer",
        "public class Outer {",
        "  static class AwsConnector {",
        "    @Step(id = \"users\") void users(StepContext ctx) {}",
        "  }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Outer_AwsConnector_StepGraph")
        .contentsAsUtf8String()
        .contains("    Supplier<Outer.AwsConnector> constructor = new Supplier<Outer.AwsConnector>() {\n"
            + "      @Override\n      public Outer.AwsConnector get() {\n        return new Outer.AwsConnector();\n      }\n    };\n"
            + "    return build(ConnectorInstance.lazy(Outer.AwsConnector.class, constructor));");
  }

  @Test
  void stepInALocalClassIsAnErrorThoughJavacHidesLocalClassesFromProcessors() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public class AwsConnector {",
            "  @Step(id = \"users\") void users(StepContext ctx) {",
            "    class Helper {",
            "      @Step(id = \"roles\") void roles(StepContext ctx) {}",
            "    }",
            "  }",
            "}"),
        "@Step method roles(StepContext) is declared in local class Helper, which the processor cannot see and"
            + " generated code cannot reach: move it to a top-level or static nested class",
        "\"roles\"", "@Step");
  }

  @Test
  void stepInAnAnonymousClassIsAnError() {
    assertOnlyError(
        Compilations.connector("AwsConnector",
            "public class AwsConnector {",
            "  private final Object helper = new Object() {",
            "    @dev.stepgraph.Step(id = \"roles\") void roles(dev.stepgraph.runtime.StepContext ctx) {}",
            "  };",
            "  @Step(id = \"users\") void users(StepContext ctx) {}",
            "}"),
        "@Step method roles(StepContext) is declared in an anonymous class, which the processor cannot see and"
            + " generated code cannot reach: move it to a top-level or static nested class",
        "\"roles\"", "@dev");
  }

  @Test
  void otherAnnotationsNamedStepInLocalClassesAreIgnored() {
    Compilation compilation = Compilations.compile(
        Compilations.connector("AwsConnector",
            "public class AwsConnector {",
            "  @interface Other {}",
            "  @Step(id = \"users\") void users(StepContext ctx) {",
            "    Runnable r = new Runnable() { @Override @Other public void run() {} };",
            "  }",
            "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }
}
