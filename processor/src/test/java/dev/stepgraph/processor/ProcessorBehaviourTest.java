package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorBehaviourTest {

  @Test
  void allErrorsOfABuildAreReportedNotOnlyTheFirst() {
    JavaFileObject aws = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"Users\") void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", dependsOn = \"rols\") private void roles(StepContext ctx) {}",
        "  @Step(id = \"a\", dependsOn = \"b\") void a(StepContext ctx) {}",
        "  @Step(id = \"b\", dependsOn = \"a\") void b(StepContext ctx) {}",
        "}");
    JavaFileObject github = Compilations.connector("GithubConnector",
        "public class GithubConnector {",
        "  @Step(id = \"repos\") int repos(StepContext ctx) { return 0; }",
        "}");
    Compilation compilation = Compilations.compile(aws, github);
    assertEquals(
        List.of(
            "step 'roles': method roles(StepContext) is private, but the generated graph calls it: make it"
                + " package-private, protected or public",
            "step id 'Users' of method users(StepContext) is not lowercase kebab-case (lowercase letters and digits,"
                + " words separated by single hyphens): rename it to 'users'",
            "step 'roles' depends on unknown step 'rols': use the id of a step of connector 'aws' (Users, a, b) or"
                + " declare a @Step(id = \"rols\")",
            "cycle detected in step dependencies: a -> b -> a",
            "step 'repos': method repos(StepContext) returns int, but a step returns void and emits its results with"
                + " ctx.emit(...): change the return type to void"),
        Diagnostics.errors(compilation));
  }

  @Test
  void anUnexpectedExceptionBecomesAnErrorNamingTheConnectorAndTheBug() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = javac()
        .withProcessors(new StepGraphProcessor(connector -> {
          throw new IllegalStateException("boom");
        }))
        .compile(source);
    assertThat(compilation).failed();
    assertEquals(1, compilation.errors().size());
    String message = Diagnostics.errors(compilation).get(0);
    assertTrue(
        message.startsWith("Stepgraph bug while processing connector com.acme.AwsConnector:"
            + " java.lang.IllegalStateException: boom. This is a bug in the Stepgraph annotation processor, not in"
            + " your code; please report it with this message."),
        message);
    assertTrue(message.contains("at dev.stepgraph.processor.StepGraphProcessor.processConnector"), message);
    assertError(compilation, message, source, "public class", "class");
  }

  /** A class missing from a processor path put together by hand is a setup problem, not a bug. */
  @Test
  void aMissingClassIsAProcessorPathProblemInOneLineNotABug() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = javac()
        .withProcessors(new StepGraphProcessor(connector -> {
          throw new NoClassDefFoundError("com/palantir/javapoet/TypeName");
        }))
        .compile(source);
    assertThat(compilation).failed();
    assertEquals(1, compilation.errors().size(), Diagnostics.describe(compilation));
    assertError(compilation,
        "the Stepgraph annotation processor could not load a class it needs while processing connector"
            + " com.acme.AwsConnector (java.lang.NoClassDefFoundError: com/palantir/javapoet/TypeName): its"
            + " processor path is incomplete or mixes versions. Put the stepgraph-processor jar, of the same version"
            + " as stepgraph-runtime, on the processor path as it is published, alone (it bundles what it needs):"
            + " Maven annotationProcessorPaths, Gradle annotationProcessor, or javac -processorpath",
        source, "public class", "class");
  }

  @Test
  void twoConnectorsOfAPackageWithTheSameIdAreAnError() {
    JavaFileObject first = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    JavaFileObject second = Compilations.connector("AwsTwo",
        "@Connector(id = \"aws\")",
        "public class AwsTwo {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(first, second);
    assertEquals(1, compilation.errors().size(), Diagnostics.describe(compilation));
    assertError(compilation,
        "connector id 'aws' of com.acme.AwsTwo is already used by com.acme.AwsConnector in package com.acme:"
            + " give each connector of a package its own id with @Connector(id = \"...\")",
        second, "@Connector", "\"aws\"");
  }

  @Test
  void connectorAnnotationWithoutStepsIsAWarning() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "@Connector(id = \"aws\")",
        "public class AwsConnector {}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "class com.acme.AwsConnector has @Connector but no @Step method, so it is not a connector and nothing is"
            + " generated for it: add @Step methods or remove @Connector",
        source, "@Connector", "@Connector");
  }

  @Test
  void validConnectorGetsItsGraphAndTheMainOfItsPackage(@TempDir Path temp) {
    assertEquals(
        List.of("com/acme/AwsConnector_StepGraph.java", "com/acme/ConnectorMain.java"),
        GeneratedDirectory.generatedSources(temp, GeneratedSourceTest.awsConnector()));
  }

  @Test
  void aPackageWithABrokenConnectorGetsNoCodeAtAll(@TempDir Path temp) {
    JavaFileObject broken = Compilations.connector("BrokenConnector",
        "public class BrokenConnector {",
        "  @Step(id = \"a\", dependsOn = \"a\") void a(StepContext ctx) {}",
        "}");
    assertEquals(
        List.of("com/acme/AwsConnector_StepGraph.java"),
        GeneratedDirectory.generatedSources(temp, GeneratedSourceTest.awsConnector(), broken));
  }

  @Test
  void descriptionsDefaultToTheFirstSentenceOfTheJavadoc() {
    Compilation compilation = Compilations.compile(Compilations.connector("AwsConnector",
        "/**",
        " * Collects <em>everything</em> from {@code AWS}. Slowly.",
        " *",
        " * @since 1.0",
        " */",
        "public class AwsConnector {",
        "  /** Lists the users. */",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "  /** Ignored, the annotation wins. */",
        "  @Step(id = \"roles\", description = \"Lists roles\") void roles(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    String graph = Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph");
    assertTrue(
        graph.contains("ConnectorGraph.builder(CONNECTOR_ID,\n        \"Collects everything from AWS\", connector);"), graph);
    assertTrue(
        graph.contains(".step(\"users\", \"Lists the users\", List.<String>of(), 0, new Steps(connector, 0))")
            && graph.contains("case 0 -> instance.users(ctx);"),
        graph);
    assertTrue(
        graph.contains(".step(\"roles\", \"Lists roles\", List.<String>of(), 0, new Steps(connector, 1))")
            && graph.contains("case 1 -> instance.roles(ctx);"),
        graph);
  }

  @Test
  void javadocUnsafeDescriptionIsEscapedInTheGeneratedJavadoc() {
    Compilation compilation = Compilations.compile(Compilations.connector("AwsConnector",
        "@Connector(description = \"Reads */ <b> & @param x\")",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph")
        .contains(" * <p>Reads *&#47; &lt;b&gt; &amp; &#64;param x\n"));
  }

  @Test
  void afterFiveHundredDiagnosticsTheRestAreCountedNotPrinted() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("public class AwsConnector {");
    for (int i = 0; i < 510; i++) {
      lines.add("  @Step(id = \"Step" + i + "\") void s" + i + "(StepContext ctx) {}");
    }
    lines.add("}");
    Compilation compilation = javac()
        .withProcessors(new StepGraphProcessor())
        .withOptions("-Xmaxerrs", "1000")
        .compile(Compilations.connector("AwsConnector", lines.toArray(String[]::new)));
    List<String> errors = Diagnostics.errors(compilation);
    assertEquals(501, errors.size());
    assertEquals(
        "step id 'Step499' of method s499(StepContext) is not lowercase kebab-case (lowercase letters and digits,"
            + " words separated by single hyphens): rename it to 'step499'",
        errors.get(499));
    assertEquals("Stepgraph left out 10 more diagnostics (10 errors) after the first 500: fix those and compile again",
        errors.get(500));
  }
}
