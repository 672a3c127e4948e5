package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @ConfigKey} in the generated graph: the golden source, the keys the loaded graph has, in
 * both forms, and the Javadoc lines, which say what {@code plan} says. Run with {@code
 * -Dgolden.update=true} to rewrite the golden file.
 */
class ConfigKeyGenerationTest {
  static JavaFileObject githubConnector() {
    return Compilations.connector(
        "GithubConnector",
        "import dev.stepgraph.ConfigKey;",
        "",
        "/** Collects the members and repositories of a GitHub organization. */",
        "@ConfigKey(name = \"api.token\", required = true, secret = true,",
        "    description = \"Personal access token with read:org scope\")",
        "@ConfigKey(name = \"api.base-url\", description = \"Where the API is, default https://api.github.com\")",
        "@ConfigKey(name = \"org\", required = true, description = \"The organization <login> & more\")",
        "@ConfigKey(name = \"api.page-size\")",
        "public class GithubConnector {",
        "  @Step(id = \"members\", description = \"Collect members\")",
        "  void members(StepContext ctx) {",
        "    ctx.config().require(\"api.token\");",
        "  }",
        "",
        "  @Step(id = \"repos\", description = \"Collect repositories\", dependsOn = \"members\")",
        "  void repos(StepContext ctx) {}",
        "}");
  }

  @Test
  void configKeysMatchGoldenFile() throws IOException {
    Compilation compilation = Compilations.compile(githubConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("GithubConnector_StepGraph.java", Compilations.generated(compilation, "com.acme.GithubConnector_StepGraph"));
  }

  @Test
  void theLoadedGraphHasTheKeysInDeclarationOrderInBothForms() throws Exception {
    List<ConfigKeyDefinition> expected = List.of(
        new ConfigKeyDefinition("api.token", true, true, "Personal access token with read:org scope"),
        new ConfigKeyDefinition("api.base-url", false, false, "Where the API is, default https://api.github.com"),
        new ConfigKeyDefinition("org", true, false, "The organization <login> & more"),
        new ConfigKeyDefinition("api.page-size", false, false, ""));
    for (int maxChunkWeight : new int[] {ChunkedGraphForm.MAX_CHUNK_WEIGHT, 1}) {
      ConnectorGraph graph = create(GraphFormsTest.compile(maxChunkWeight, githubConnector()));
      assertEquals(expected, graph.configKeys(), "in classes of weight " + maxChunkWeight);
    }
  }

  /** The Javadoc's "Configuration:" lines are the lines of {@code plan}, without their indent. */
  @Test
  void theJavadocDescribesEachKeyAsPlanDoes() throws Exception {
    Compilation compilation = Compilations.compile(githubConnector());
    String source = Compilations.generated(compilation, "com.acme.GithubConnector_StepGraph");
    List<String> lines = source.lines().toList();
    int start = lines.indexOf(" * <p>Configuration:");
    assertTrue(start > 0, source);
    List<String> documented = new ArrayList<>();
    for (int i = start + 3; !lines.get(i).equals(" * </pre>"); i++) {
      documented.add(lines.get(i).substring(" * ".length()).replace("&lt;", "<").replace("&gt;", ">")
          .replace("&amp;", "&"));
    }
    List<String> described = new ArrayList<>();
    for (ConfigKeyDefinition key : create(compilation).configKeys()) {
      String text = key.describe();
      described.add(key.name() + " (" + key.environmentVariable() + ")" + (text.isEmpty() ? "" : ": " + text));
    }
    assertEquals(described, documented);
  }

  @Test
  void aConnectorWithoutKeysDeclaresNone() throws Exception {
    String source = Compilations.generated(Compilations.compile(GeneratedSourceTest.awsConnector()),
        "com.acme.AwsConnector_StepGraph");
    assertFalse(source.contains("configKey") || source.contains("Configuration"), source);
  }

  @Test
  void generatedCodeWithKeysCompilesWithoutLintWarnings() {
    Compilation compilation = Compiler.javac()
        .withProcessors(new StepGraphProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(githubConnector());
    assertThat(compilation).succeededWithoutWarnings();
  }

  private static ConnectorGraph create(Compilation compilation) throws Exception {
    assertThat(compilation).succeeded();
    ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
        compilation.generatedFiles(), ConfigKeyGenerationTest.class.getClassLoader());
    return (ConnectorGraph) loader.loadClass("com.acme.GithubConnector_StepGraph").getMethod("create").invoke(null);
  }
}
