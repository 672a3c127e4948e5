package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Inside a step's body: the types it names as constants where it creates entities and
 * relationships, or asks its prior data for them, are ones it declares. Exact text and position,
 * on the argument.
 */
class StepBodyContractChecksTest {

  private static JavaFileObject connector(String... lines) {
    String[] all = new String[lines.length + 5];
    all[0] = "import dev.stepgraph.runtime.Entity;";
    all[1] = "import dev.stepgraph.runtime.PriorData;";
    all[2] = "import dev.stepgraph.runtime.Relationship;";
    all[3] = "import java.util.Map;";
    all[4] = "";
    System.arraycopy(lines, 0, all, 5, lines.length);
    return Compilations.connector("CloudConnector", all);
  }

  @Test
  void aTypeAskedOfThePriorDataThatIsNotReadSuggestsTheClosest() {
    JavaFileObject source = connector(
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\", reads = \"host\")",
        "  void services(StepContext ctx) {",
        "    ctx.prior().entitiesByType(\"hots\");",
        "  }",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'services' asks its prior data for entities of type 'hots', which it does not read:"
            + " @Step(reads = {\"host\"}); did you mean 'host'?",
        source, "entitiesByType", "\"hots\"");
  }

  @Test
  void aMisspeltReadIsNoSuggestionAndATypeAStepEmitsIsToBeAddedToReads() {
    JavaFileObject source = connector(
        "public class CloudConnector {",
        "  @Step(id = \"services\", emits = \"service\") void services(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"services\", reads = \"servce\")",
        "  void report(StepContext ctx) {",
        "    ctx.prior().entitiesByType(\"service\");",
        "  }",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'report' asks its prior data for entities of type 'service', which it does not read:"
            + " @Step(reads = {\"servce\"}); add 'service' to reads",
        source, "entitiesByType", "\"service\"");
  }

  @Test
  void aTypeAskedOfAPriorDataVariableThatIsNotReadSaysToAddIt() {
    JavaFileObject source = connector(
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"runs-on\"}) void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\", reads = {\"host\", \"runs-on\"})",
        "  void services(StepContext ctx) {",
        "    PriorData prior = ctx.prior();",
        "    var data = ctx.prior();",
        "    prior.entitiesByType(\"host\");",
        "    data.relationshipsByType(\"runs-on\");",
        "    prior.entitiesByType(\"user\");",
        "    data.relationshipsByType(\"has-role\");",
        "  }",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'services' asks its prior data for entities of type 'user', which it does not read:"
            + " @Step(reads = {\"host\", \"runs-on\"}); add 'user' to reads, or ask for one of those",
        source, "\"user\"", "\"user\"");
    assertError(compilation,
        "step 'services' asks its prior data for relationships of type 'has-role', which it does not read:"
            + " @Step(reads = {\"host\", \"runs-on\"}); add 'has-role' to reads, or ask for one of those",
        source, "\"has-role\"", "\"has-role\"");
  }

  @Test
  void everyWayOfCreatingAnEntityOrRelationshipIsChecked() {
    JavaFileObject source = connector(
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"runs-on\"})",
        "  void hosts(StepContext ctx) {",
        "    ctx.emit(Entity.of(\"host\", \"h1\"));",
        "    ctx.emit(Entity.of(\"hots\", \"h2\"));",
        "    ctx.emit(new Entity(\"vm\", \"h3\", Map.of()));",
        "    ctx.emit(Relationship.of(\"runs_on\", \"h1\", \"h2\"));",
        "    ctx.emit(new dev.stepgraph.runtime.Relationship(\"has-disk\", \"h1\", \"d1\", Map.of()));",
        "  }",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(4);
    assertError(compilation,
        "step 'hosts' creates an entity of type 'hots', which it does not declare: @Step(emits = {\"host\","
            + " \"runs-on\"}); did you mean 'host'?",
        source, "\"hots\"", "\"hots\"");
    assertError(compilation,
        "step 'hosts' creates an entity of type 'vm', which it does not declare: @Step(emits = {\"host\","
            + " \"runs-on\"}); add 'vm' to emits, or emit one of those",
        source, "\"vm\"", "\"vm\"");
    assertError(compilation,
        "step 'hosts' creates a relationship of type 'runs_on', which it does not declare: @Step(emits = {\"host\","
            + " \"runs-on\"}); did you mean 'runs-on'?",
        source, "\"runs_on\"", "\"runs_on\"");
    assertError(compilation,
        "step 'hosts' creates a relationship of type 'has-disk', which it does not declare: @Step(emits = {\"host\","
            + " \"runs-on\"}); add 'has-disk' to emits, or emit one of those",
        source, "\"has-disk\"", "\"has-disk\"");
  }

  @Test
  void constantsAreResolvedWhereverJavaFindsThem() {
    JavaFileObject types = JavaFileObjects.forSourceLines("com.acme.Types",
        "package com.acme;",
        "",
        "public final class Types {",
        "  public static final String HOST = \"host\";",
        "  public static final String VM = \"vm\";",
        "  public static final String DISK = \"disk\";",
        "  private Types() {}",
        "}");
    JavaFileObject source = connector(
        "import static com.acme.Types.DISK;",
        "",
        "public class CloudConnector {",
        "  static final String SERVICE = \"ser\" + \"vice\";",
        "  @Step(id = \"hosts\", emits = {\"host\", \"service\"})",
        "  void hosts(StepContext ctx) {",
        "    final String port = \"port\";",
        "    ctx.emit(Entity.of(Types.HOST, \"h1\"));",
        "    ctx.emit(Entity.of(SERVICE, \"s1\"));",
        "    ctx.emit(Entity.of(com.acme.Types.VM, \"v1\"));",
        "    ctx.emit(Entity.of(DISK, \"d1\"));",
        "    ctx.emit(Entity.of(port, \"p1\"));",
        "    ctx.emit(Entity.of((\"host\" + 2), \"h2\"));",
        "  }",
        "}");
    Compilation compilation = Compilations.compile(source, types);
    assertThat(compilation).hadErrorCount(4);
    String declared = "which it does not declare: @Step(emits = {\"host\", \"service\"}); ";
    assertError(compilation, "step 'hosts' creates an entity of type 'vm', " + declared + "add 'vm' to emits,"
        + " or emit one of those", source, "Types.VM", ".VM"); // where javac puts its own carets on a field access
    assertError(compilation, "step 'hosts' creates an entity of type 'disk', " + declared + "add 'disk' to emits,"
        + " or emit one of those", source, "(DISK", "DISK, ");
    assertError(compilation, "step 'hosts' creates an entity of type 'port', " + declared + "add 'port' to emits,"
        + " or emit one of those", source, "(port", "port, ");
    assertError(compilation, "step 'hosts' creates an entity of type 'host2', " + declared + "did you mean 'host'?",
        source, "\"host\" + 2", "(\"host\" + 2)");
  }

  @Test
  void typesPassedThroughVariablesHelpersOrLocalClassesAreLeftToTheRuntime() {
    Compilation compilation = Compilations.compile(connector(
        "public class CloudConnector {",
        "  String type = \"vm\";",
        "  static String helperType() { return \"vm\"; }",
        "  @Step(id = \"users\", emits = \"user\") void users(StepContext ctx) {}",
        "  @Step(id = \"hosts\", dependsOn = \"users\", emits = \"host\", reads = \"user\")",
        "  void hosts(StepContext ctx) {",
        "    String variable = \"vm\";",
        "    ctx.emit(Entity.of(variable, \"h1\"));",
        "    ctx.emit(Entity.of(type, \"h2\"));",
        "    ctx.emit(Entity.of(helperType(), \"h3\"));",
        "    emit(ctx, \"vm\");",
        "    new Object() { void run() { ctx.emit(Entity.of(\"vm\", \"h4\")); } }.run();",
        "    class Local { void run() { ctx.emit(Entity.of(\"vm\", \"h5\")); } }",
        "    new Local().run();",
        "    PriorData prior = ctx.prior();",
        "    prior.entitiesByType(variable);",
        "    new Finder().entitiesByType(\"vm\");",
        "  }",
        "  static void emit(StepContext ctx, String type) { ctx.emit(Entity.of(type, \"h\")); }",
        "  static final class Finder { void entitiesByType(String type) {} }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void onlyWhatTheStepDeclaresIsChecked() {
    Compilation compilation = Compilations.compile(connector(
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\")",
        "  void hosts(StepContext ctx) { ctx.prior().entitiesByType(\"anything\"); ctx.emit(Entity.of(\"host\", \"h\")); }",
        "  @Step(id = \"users\", dependsOn = \"hosts\", reads = \"host\")",
        "  void users(StepContext ctx) { ctx.prior().entitiesByType(\"host\"); ctx.emit(Entity.of(\"user\", \"u\")); }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void anEntityClassOfTheConnectorsOwnIsNotTheRuntimes() {
    Compilation compilation = Compilations.compile(Compilations.connector("CloudConnector",
        "import dev.stepgraph.runtime.*;",
        "",
        "public class CloudConnector {",
        "  record Entity(String type, String key) { static Entity of(String type, String key) { return null; } }",
        "  @Step(id = \"hosts\", emits = \"host\")",
        "  void hosts(StepContext ctx) { Entity.of(\"vm\", \"h\"); new Entity(\"vm\", \"h\"); }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void theRuntimePackageImportedOnDemandIsSeen() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "import dev.stepgraph.runtime.*;",
        "",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\")",
        "  void hosts(StepContext ctx) { ctx.emit(Entity.of(\"vm\", \"h\")); }",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'hosts' creates an entity of type 'vm', which it does not declare: @Step(emits = {\"host\"}); add 'vm'"
            + " to emits, or emit one of those",
        source, "\"vm\"", "\"vm\"");
  }

  /**
   * Under a compiler without javac's tree API (Eclipse's, or javac behind a wrapped environment,
   * where {@code Trees.instance} throws) the lint is skipped, silently; the annotation checks still
   * run.
   */
  @Test
  void withoutTheTreeApiTheBodyIsNotCheckedAndNothingElseChanges() {
    JavaFileObject source = connector(
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) { ctx.emit(Entity.of(\"vm\", \"h\")); }",
        "  @Step(id = \"users\", reads = \"host\") void users(StepContext ctx) {}",
        "}");
    Compilation withTrees = Compilations.compile(source);
    assertEquals(2, withTrees.errors().size(), Diagnostics.describe(withTrees));
    Compilation compilation = Compiler.javac().withProcessors(new WithoutTrees()).compile(source);
    assertOnlyError(compilation,
        "step 'users' reads 'host', which step 'hosts' emits, but 'hosts' is not upstream of 'users': add \"hosts\""
            + " to its dependsOn",
        source, "\"users\"", "\"host\"");
  }
}
