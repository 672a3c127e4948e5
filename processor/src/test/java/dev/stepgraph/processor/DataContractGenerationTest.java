package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.DataContract;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Data contracts and the EAGER schedule in the generated graph: the golden sources of both forms,
 * and the contract and schedule the loaded graph has (the generated {@code contract} method reads
 * back the description it is given). Run with {@code -Dgolden.update=true} to
 * rewrite the golden files.
 */
class DataContractGenerationTest {
  static JavaFileObject contractConnector() {
    return Compilations.connector(
        "HostsConnector",
        "import dev.stepgraph.Schedule;",
        "",
        "/** Collects hosts and what runs on them, each step as soon as its dependencies are done. */",
        "@Connector(id = \"hosts\", schedule = Schedule.EAGER)",
        "public class HostsConnector {",
        "  @Step(id = \"hosts\", description = \"Collect hosts\", emits = \"host\", timeout = \"30s\")",
        "  void hosts(StepContext ctx) {}",
        "",
        "  @Step(id = \"users\", description = \"Collect users and their roles\",",
        "      emits = {\"user\", \"role\", \"user-has-role\"})",
        "  void users(StepContext ctx) {}",
        "",
        "  @Step(id = \"services\", description = \"Collect services on hosts\", dependsOn = \"hosts\",",
        "      reads = \"host\", emits = \"service\")",
        "  void services(StepContext ctx) {}",
        "",
        "  @Step(id = \"audit\", description = \"Audit logins\", dependsOn = \"users\")",
        "  void audit(StepContext ctx) {}",
        "",
        "  @Step(id = \"report\", description = \"Report what runs where\", dependsOn = {\"services\", \"users\"},",
        "      reads = {\"service\", \"host\", \"user\"})",
        "  void report(StepContext ctx) {}",
        "}");
  }

  @Test
  void contractsAndEagerScheduleMatchGoldenFile() throws IOException {
    Compilation compilation = Compilations.compile(contractConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("HostsConnector_StepGraph.java", Compilations.generated(compilation, "com.acme.HostsConnector_StepGraph"));
  }

  /**
   * Classes of weight 5 (a step, its dependencies and its contract): hosts and users, services and
   * audit, then report.
   */
  @Test
  void contractsAndEagerScheduleInTheChunkedFormMatchGoldenFile() throws IOException {
    Compilation compilation = GraphFormsTest.compile(5, contractConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("HostsConnector_StepGraph-chunked.java",
        Compilations.generated(compilation, "com.acme.HostsConnector_StepGraph"));
  }

  @Test
  void theLoadedGraphHasEachStepsContractInDeclarationOrderAndTheSchedule() throws Exception {
    for (int maxChunkWeight : new int[] {ChunkedGraphForm.MAX_CHUNK_WEIGHT, 5, 1}) {
      ConnectorGraph graph = create(GraphFormsTest.compile(maxChunkWeight, contractConnector()), "HostsConnector");
      assertEquals(Schedule.EAGER, graph.schedule());
      assertEquals(DataContract.of(Set.of("host"), Set.of()), graph.step("hosts").contract());
      assertEquals(StepPolicy.DEFAULT.withTimeout(Duration.ofSeconds(30)), graph.step("hosts").policy());
      assertEquals(List.of("user", "role", "user-has-role"), List.copyOf(graph.step("users").contract().emits()),
          "in declaration order, in classes of weight " + maxChunkWeight);
      assertEquals(StepPolicy.DEFAULT, graph.step("users").policy());
      assertEquals(DataContract.of(Set.of("service"), Set.of("host")), graph.step("services").contract());
      assertEquals(DataContract.NONE, graph.step("audit").contract());
      assertEquals(List.of("service", "host", "user"), List.copyOf(graph.step("report").contract().reads()));
      assertEquals(Set.of(), graph.step("report").contract().emits());
    }
  }

  /** The Javadoc's "Data:" lines say what the runtime's {@code DataContract.describe()} says. */
  @Test
  void theJavadocDescribesEachContractAsTheRuntimeDoes() throws Exception {
    Compilation compilation = Compilations.compile(contractConnector());
    String source = Compilations.generated(compilation, "com.acme.HostsConnector_StepGraph");
    Map<String, String> documented = new LinkedHashMap<>();
    List<String> lines = source.lines().toList();
    int start = lines.indexOf(" * <p>Data:");
    assertTrue(start > 0, source);
    for (int i = start + 3; !lines.get(i).equals(" * </pre>"); i++) {
      String line = lines.get(i).substring(" * ".length());
      documented.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
    }
    Map<String, String> described = new LinkedHashMap<>();
    for (List<StepDefinition> wave : create(compilation, "HostsConnector").waves()) {
      for (StepDefinition step : wave) {
        if (!step.contract().equals(DataContract.NONE)) {
          described.put(step.id(), step.contract().describe());
        }
      }
    }
    assertEquals(described, documented);
    assertEquals("reads host; emits service", documented.get("services"));
  }

  @Test
  void theJavadocListsAtMostFiftyContracts() {
    List<String> lines = new ArrayList<>(List.of("public class ManyConnector {"));
    for (int i = 0; i < GraphClassGenerator.MAX_LISTED_POLICIES + 2; i++) {
      lines.add("  @Step(id = \"s" + i + "\", emits = \"t" + i + "\") void s" + i + "(StepContext ctx) {}");
    }
    lines.add("}");
    Compilation compilation = Compilations.compile(Compilations.connector("ManyConnector", lines.toArray(String[]::new)));
    String source = Compilations.generated(compilation, "com.acme.ManyConnector_StepGraph");
    assertTrue(source.contains(" * s49: emits t49\n * and 2 more\n * </pre>"), source);
    assertFalse(source.contains("s50: emits"), source);
  }

  /** A type listed twice is a warning, and the generated contract has it once. */
  @Test
  void aRepeatedTypeIsGeneratedOnce() throws Exception {
    Compilation compilation = Compilations.compile(Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"vm\", \"host\"}) void hosts(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"hosts\", reads = {\"vm\", \"vm\"}) void report(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeeded();
    String source = Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph");
    assertTrue(source.contains("contract(\"emits host, vm\")") && source.contains(" * hosts: emits host, vm\n"), source);
    assertTrue(source.contains("contract(\"reads vm\")") && source.contains(" * report: reads vm\n"), source);
    assertEquals(List.of("host", "vm"), List.copyOf(create(compilation, "AwsConnector").step("hosts").contract().emits()));
  }

  @Test
  void theWavesScheduleWrittenOutGeneratesWhatTheDefaultDoes() throws Exception {
    Compilation compilation = Compilations.compile(Compilations.connector("AwsConnector",
        "import dev.stepgraph.Schedule;",
        "",
        "@Connector(schedule = Schedule.WAVES)",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    String source = Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph");
    assertFalse(source.contains("schedule") || source.contains("Schedule") || source.contains("contract("), source);
    assertEquals(Schedule.WAVES, create(compilation, "AwsConnector").schedule());
  }

  @Test
  void generatedCodeWithContractsCompilesWithoutLintWarnings() {
    for (int maxChunkWeight : new int[] {ChunkedGraphForm.MAX_CHUNK_WEIGHT, 5}) {
      Compilation compilation = Compiler.javac()
          .withProcessors(new StepGraphProcessor(connector -> {}, maxChunkWeight))
          .withOptions("-Xlint:all,-processing", "-Werror")
          .compile(contractConnector());
      assertThat(compilation).succeededWithoutWarnings();
    }
  }

  @Test
  void sameInputGivesByteIdenticalOutput() {
    assertEquals(
        Compilations.generated(Compilations.compile(contractConnector()), "com.acme.HostsConnector_StepGraph"),
        Compilations.generated(Compilations.compile(contractConnector()), "com.acme.HostsConnector_StepGraph"));
  }

  private static ConnectorGraph create(Compilation compilation, String simpleName) throws Exception {
    assertThat(compilation).succeeded();
    ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
        compilation.generatedFiles(), DataContractGenerationTest.class.getClassLoader());
    return (ConnectorGraph) loader.loadClass("com.acme." + simpleName + "_StepGraph").getMethod("create").invoke(null);
  }
}
