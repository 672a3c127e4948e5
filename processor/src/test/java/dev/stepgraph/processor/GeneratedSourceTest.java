package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Golden files: the generated sources of a small connector, byte for byte. Run with {@code
 * -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
class GeneratedSourceTest {
  static JavaFileObject awsConnector() {
    return Compilations.connector(
        "AwsConnector",
        "/** Collects users, roles and hosts of an AWS account. Needs read-only credentials. */",
        "@Connector(id = \"aws-inventory\")",
        "public class AwsConnector {",
        "  @Step(id = \"users\", description = \"Collect IAM users\")",
        "  void users(StepContext ctx) {}",
        "",
        "  /** Collects IAM roles. With their trust policies. */",
        "  @Step(id = \"roles\")",
        "  void roles(StepContext ctx) {}",
        "",
        "  @Step(id = \"hosts\", description = \"Collect EC2 instances\")",
        "  public void hosts(StepContext ctx) throws Exception {}",
        "",
        "  @Step(id = \"policies\", description = \"Collect the policies of each role\", dependsOn = \"roles\")",
        "  void policies(StepContext ctx) {}",
        "",
        "  @Step(id = \"services\", description = \"Collect services on hosts\", dependsOn = {\"hosts\"})",
        "  void services(StepContext ctx) {}",
        "",
        "  @Step(",
        "      id = \"relationships\",",
        "      description = \"Link users, roles, hosts, policies and services\",",
        "      dependsOn = {\"users\", \"roles\", \"hosts\", \"policies\", \"services\"})",
        "  void relationships(StepContext ctx) {}",
        "}");
  }

  @Test
  void smallConnectorGraphMatchesGoldenFile() throws IOException {
    Compilation compilation = Compilations.compile(awsConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("AwsConnector_StepGraph.java", Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph"));
  }

  @Test
  void smallConnectorMainMatchesGoldenFile() throws IOException {
    Compilation compilation = Compilations.compile(awsConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("ConnectorMain.java", Compilations.generated(compilation, "com.acme.ConnectorMain"));
  }

  @Test
  void packageWithTwoConnectorsGetsOneMainWithAMapSortedById() throws IOException {
    Compilation compilation = Compilations.compile(
        awsConnector(),
        Compilations.connector(
            "GithubConnector",
            "public class GithubConnector {",
            "  @Step(id = \"repos\") void repos(StepContext ctx) {}",
            "}"),
        Compilations.connector(
            "AzureConnector",
            "public class AzureConnector {",
            "  @Step(id = \"vms\") void vms(StepContext ctx) {}",
            "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("ConnectorMain-three-connectors.java", Compilations.generated(compilation, "com.acme.ConnectorMain"));
  }

  @Test
  void packageWithElevenConnectorsUsesMapOfEntriesAndCompiles() {
    JavaFileObject[] sources = new JavaFileObject[11];
    for (int i = 0; i < sources.length; i++) {
      String name = "C" + (char) ('a' + i) + "Connector";
      sources[i] = Compilations.connector(
          name, "public class " + name + " {", "  @Step(id = \"only\") void only(StepContext ctx) {}", "}");
    }
    Compilation compilation = Compilations.compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    String main = Compilations.generated(compilation, "com.acme.ConnectorMain");
    org.junit.jupiter.api.Assertions.assertTrue(
        main.contains("Map.ofEntries(\n        Map.entry(CaConnector_StepGraph.CONNECTOR_ID, new Supplier<ConnectorGraph>() {\n"
            + "          @Override\n          public ConnectorGraph get() {\n            return CaConnector_StepGraph.create();\n"
            + "          }\n        }),"),
        main);
  }

  @Test
  void generatedCodeCompilesWithoutLintWarnings() {
    Compilation compilation = com.google.testing.compile.Compiler.javac()
        .withProcessors(new StepGraphProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(awsConnector());
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void sameInputGivesByteIdenticalOutput() {
    Compilation first = Compilations.compile(awsConnector());
    Compilation second = Compilations.compile(awsConnector());
    assertEquals(
        Compilations.generated(first, "com.acme.AwsConnector_StepGraph"),
        Compilations.generated(second, "com.acme.AwsConnector_StepGraph"));
    assertEquals(
        Compilations.generated(first, "com.acme.ConnectorMain"),
        Compilations.generated(second, "com.acme.ConnectorMain"));
  }
}
