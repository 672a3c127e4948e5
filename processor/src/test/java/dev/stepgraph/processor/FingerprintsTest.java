package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fingerprint the processor generates for each step: compile a connector, edit it, compile
 * again, and see which fingerprints changed. Editing a step changes its fingerprint and those of
 * the steps downstream of it, and no other; what does not change what a step does (formatting,
 * comments, the order of a set) changes nothing.
 */
class FingerprintsTest {
  /**
   * users and roles first; policies after roles; report after users and policies. audit stands
   * alone.
   */
  static final String CONNECTOR = String.join("\n",
      "package com.acme;",
      "",
      "import dev.stepgraph.Connector;",
      "import dev.stepgraph.OnDependencyFailure;",
      "import dev.stepgraph.Retry;",
      "import dev.stepgraph.Step;",
      "import dev.stepgraph.runtime.StepContext;",
      "import java.util.ArrayList;",
      "import java.util.List;",
      "",
      "/** Collects a cloud account. */",
      "@Connector(id = \"cloud\")",
      "public class CloudConnector {",
      "  private final List<String> seen = new ArrayList<>();",
      "",
      "  /** Collects users. */",
      "  @Step(id = \"users\", emits = {\"user\", \"group\"}, timeout = \"1m\")",
      "  void users(StepContext ctx) {",
      "    String query = \"name = 'a b'\";",
      "    seen.add(query);",
      "  }",
      "",
      "  /** Collects roles. */",
      "  @Step(id = \"roles\", emits = \"role\")",
      "  @Retry(attempts = 4, backoff = \"1s\")",
      "  void roles(StepContext ctx) {",
      "    int pages = 2;",
      "    for (int i = 0; i < pages; i++) {",
      "      seen.add(\"roles page \" + i);",
      "    }",
      "  }",
      "",
      "  /** Collects the policies of each role. */",
      "  @Step(id = \"policies\", dependsOn = \"roles\", reads = \"role\", emits = \"policy\")",
      "  void policies(StepContext ctx) {",
      "    seen.add(\"policies\");",
      "  }",
      "",
      "  /** Reports users and policies. */",
      "  @Step(id = \"report\", dependsOn = {\"users\", \"policies\"}, reads = {\"user\", \"policy\"})",
      "  void report(StepContext ctx) {",
      "    seen.add(String.join(\",\", seen));",
      "  }",
      "",
      "  /** Audits logins. */",
      "  @Step(id = \"audit\")",
      "  void audit(StepContext ctx) {",
      "    seen.clear();",
      "  }",
      "}",
      "");

  /** {@code graph.fingerprint("id", "...")} in the flat form, a row {@code "id | wave | ... | fingerprint | ..."} in the chunked. */
  private static final Pattern FINGERPRINT = Pattern.compile(
      "graph\\.fingerprint\\(\"([^\"]+)\", \"([0-9a-f]{32})\"\\);|\"([^\" |]+) \\| \\d+ \\| [^|\"]* \\| [^|\"]* \\| ([0-9a-f]{32}) \\| ");

  private static final Set<String> ALL = Set.of("users", "roles", "policies", "report", "audit");

  /** The fingerprints the generated graph class gives, by step id. */
  static Map<String, String> fingerprints(Compilation compilation, String graphClass) {
    assertThat(compilation).succeededWithoutWarnings();
    Matcher matcher = FINGERPRINT.matcher(Compilations.generated(compilation, graphClass));
    Map<String, String> fingerprints = new LinkedHashMap<>();
    while (matcher.find()) {
      boolean flat = matcher.group(1) != null;
      assertEquals(null, fingerprints.put(matcher.group(flat ? 1 : 3), matcher.group(flat ? 2 : 4)),
          "one fingerprint per step");
    }
    return fingerprints;
  }

  private static Map<String, String> fingerprints(String source) {
    return fingerprints(Compilations.compile(JavaFileObjects.forSourceString("com.acme.CloudConnector", source)),
        "com.acme.CloudConnector_StepGraph");
  }

  /** {@code source} with {@code from} replaced by {@code to}; fails if {@code from} is not in it. */
  static String edit(String source, String from, String to) {
    assertTrue(source.contains(from), "not in the source: " + from);
    return source.replace(from, to);
  }

  /** The steps whose fingerprints differ. */
  private static Set<String> changed(Map<String, String> before, Map<String, String> after) {
    assertEquals(before.keySet(), after.keySet());
    Set<String> changed = new TreeSet<>();
    before.forEach((id, fingerprint) -> {
      if (!fingerprint.equals(after.get(id))) {
        changed.add(id);
      }
    });
    return changed;
  }

  private static final Map<String, String> BEFORE = fingerprints(CONNECTOR);

  @Test
  void everyStepHasItsOwnFingerprintInWaveOrder() {
    assertEquals(List.of("users", "roles", "audit", "policies", "report"), List.copyOf(BEFORE.keySet()));
    assertEquals(5, new TreeSet<>(BEFORE.values()).size(), BEFORE.toString());
  }

  /**
   * Pinned in a golden file, which the build checks on JDK 17 and 25: a fingerprint does not
   * change with the JDK that compiles, only with the source.
   */
  @Test
  void theFingerprintsMatchTheGoldenFileOnEveryJdk() throws IOException {
    StringBuilder text = new StringBuilder();
    BEFORE.forEach((id, fingerprint) -> text.append(id).append(' ').append(fingerprint).append('\n'));
    fingerprints(edit(CONNECTOR, "    String query = \"name = 'a b'\";", TEXT_BLOCK)).forEach(
        (id, fingerprint) -> text.append("with a text block: ").append(id).append(' ').append(fingerprint).append('\n'));
    Golden.assertGolden("CloudConnector-fingerprints.txt", text.toString());
  }

  @Test
  void twoCompilesOfTheSameSourceGiveByteIdenticalOutput() {
    JavaFileObject source = JavaFileObjects.forSourceString("com.acme.CloudConnector", CONNECTOR);
    assertEquals(Compilations.generated(Compilations.compile(source), "com.acme.CloudConnector_StepGraph"),
        Compilations.generated(Compilations.compile(source), "com.acme.CloudConnector_StepGraph"));
  }

  /** A body edited: that step and the steps downstream of it change, no other. */
  static Stream<Arguments> bodyEdits() {
    return Stream.of(
        Arguments.of("users: a literal", "    String query = \"name = 'a b'\";", "    String query = \"name = 'a c'\";", "users report"),
        Arguments.of("roles: a number", "    int pages = 2;", "    int pages = 3;", "policies report roles"),
        Arguments.of("roles: an operator", "i < pages; i++", "i <= pages; i++", "policies report roles"),
        Arguments.of("policies: a statement added", "    seen.add(\"policies\");", "    seen.add(\"policies\"); seen.add(\"more\");", "policies report"),
        Arguments.of("report: a method called", "seen.add(String.join", "seen.remove(String.join", "report"),
        Arguments.of("audit: a method called", "    seen.clear();", "    seen.clear(); seen.add(\"audited\");", "audit"),
        Arguments.of("audit: a parameter renamed", "void audit(StepContext ctx)", "void audit(StepContext context)", "audit"),
        Arguments.of("audit: made public", "  void audit(", "  public void audit(", "audit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyEdits")
  void editingAStepChangesItAndWhatIsDownstreamOfItAndNothingElse(
      String edit, String from, String to, String expected) {
    assertEquals(new TreeSet<>(List.of(expected.split(" "))), changed(BEFORE, fingerprints(edit(CONNECTOR, from, to))));
  }

  /** Formatting and comments, inside the method and around it, are not what a step does. */
  static Stream<Arguments> formattingEdits() {
    return Stream.of(
        Arguments.of("re-indented", "      seen.add(\"roles page \" + i);", "            seen.add(\"roles page \" + i);"),
        Arguments.of("a statement over two lines", "    seen.add(query);", "    seen\n        .add(\n  query  )  ;"),
        Arguments.of("spaces taken out", "    for (int i = 0; i < pages; i++) {", "    for(int i=0;i<pages;i++){"),
        Arguments.of("CRLF line ends", "\n", "\r\n"),
        Arguments.of("tabs", "    int pages = 2;", "\tint\tpages\t=\t2;"),
        Arguments.of("a line comment in the body", "    int pages = 2;", "    int pages = 2; // two pages, for now"),
        Arguments.of("a block comment between tokens", "seen.add(\"policies\");", "seen./* the list */add(\"policies\" /* id */);"),
        Arguments.of("a comment between the annotations and the method", "  @Retry(attempts = 4, backoff = \"1s\")", "  @Retry(attempts = 4, backoff = \"1s\") // flaky API"),
        Arguments.of("a comment before the method", "  /** Audits logins. */", "  // TODO: more audits\n  /** Audits logins. */"),
        Arguments.of("the Javadoc, and so the description", "  /** Collects users. */", "  /** Collects the users, all of them. */"),
        Arguments.of("a comment after the method", "    seen.clear();\n  }", "    seen.clear();\n  } // end of audit\n\n  /* spare */"),
        Arguments.of("the methods moved down a line", "  private final List<String> seen = new ArrayList<>();", "  private final List<String> seen =\n      new ArrayList<>();\n"),
        Arguments.of("an annotation over lines", "  @Step(id = \"report\", dependsOn = {\"users\", \"policies\"}, reads = {\"user\", \"policy\"})", "  @Step(\n      id = \"report\",\n      dependsOn = {\"users\", \"policies\"},\n      reads = {\"user\", \"policy\"})"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formattingEdits")
  void formattingAndCommentsChangeNothing(String edit, String from, String to) {
    assertEquals(BEFORE, fingerprints(edit(CONNECTOR, from, to)));
  }

  /** What the annotations mean counts, not how they are written. */
  static Stream<Arguments> rewrittenDeclarations() {
    return Stream.of(
        Arguments.of("emits reordered", "emits = {\"user\", \"group\"}", "emits = {\"group\", \"user\"}"),
        Arguments.of("reads reordered", "reads = {\"user\", \"policy\"}", "reads = {\"policy\", \"user\"}"),
        Arguments.of("dependsOn reordered", "dependsOn = {\"users\", \"policies\"}", "dependsOn = {\"policies\", \"users\"}"),
        Arguments.of("a timeout written another way", "timeout = \"1m\"", "timeout = \"60s\""),
        Arguments.of("a retry default written out", "@Retry(attempts = 4, backoff = \"1s\")", "@Retry(attempts = 4, backoff = \"1000ms\", multiplier = 2.0, jitter = 0.20)"),
        Arguments.of("the annotations swapped", "  @Step(id = \"roles\", emits = \"role\")\n  @Retry(attempts = 4, backoff = \"1s\")", "  @Retry(attempts = 4, backoff = \"1s\")\n  @Step(id = \"roles\", emits = \"role\")"),
        Arguments.of("a description", "@Step(id = \"audit\")", "@Step(id = \"audit\", description = \"Audit the logins\")"),
        Arguments.of("the connector's description", "@Connector(id = \"cloud\")", "@Connector(id = \"cloud\", description = \"Cloud\")"),
        Arguments.of("an explicit INHERIT", "@Step(id = \"audit\")", "@Step(id = \"audit\", onDependencyFailure = OnDependencyFailure.INHERIT)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewrittenDeclarations")
  void aDeclarationWrittenAnotherWayChangesNothing(String edit, String from, String to) {
    assertEquals(BEFORE, fingerprints(edit(CONNECTOR, from, to)));
  }

  /** A policy, a dependency or a contract changed: that step and what is downstream of it. */
  static Stream<Arguments> declarationEdits() {
    return Stream.of(
        Arguments.of("a timeout", "timeout = \"1m\"", "timeout = \"2m\"", "users report"),
        Arguments.of("a timeout added", "@Step(id = \"audit\")", "@Step(id = \"audit\", timeout = \"5s\")", "audit"),
        Arguments.of("retry attempts", "@Retry(attempts = 4", "@Retry(attempts = 5", "policies report roles"),
        Arguments.of("retry backoff", "backoff = \"1s\"", "backoff = \"2s\"", "policies report roles"),
        Arguments.of("retry jitter", "backoff = \"1s\")", "backoff = \"1s\", jitter = 0.3)", "policies report roles"),
        Arguments.of("retry removed", "  @Retry(attempts = 4, backoff = \"1s\")\n", "\n", "policies report roles"),
        Arguments.of("skip on dependency failure", "@Step(id = \"audit\")", "@Step(id = \"audit\", onDependencyFailure = OnDependencyFailure.SKIP)", "audit"),
        Arguments.of("the connector's default, for the steps that inherit it", "@Connector(id = \"cloud\")", "@Connector(id = \"cloud\", onDependencyFailure = OnDependencyFailure.SKIP)", "audit policies report roles users"),
        Arguments.of("a dependency added", "@Step(id = \"audit\")", "@Step(id = \"audit\", dependsOn = \"users\")", "audit"),
        Arguments.of("a dependency removed", "dependsOn = {\"users\", \"policies\"}, reads = {\"user\", \"policy\"}", "dependsOn = {\"policies\"}, reads = {\"policy\"}", "report"),
        Arguments.of("an emitted type added", "emits = \"role\")", "emits = {\"role\", \"grant\"})", "policies report roles"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("declarationEdits")
  void changingAPolicyADependencyOrAContractChangesThatStepAndDownstream(
      String edit, String from, String to, String expected) {
    assertEquals(new TreeSet<>(List.of(expected.split(" "))), changed(BEFORE, fingerprints(edit(CONNECTOR, from, to))));
  }

  @Test
  void renamingAStepChangesItsFingerprintAndThoseDownstream() {
    Map<String, String> after = fingerprints(edit(edit(CONNECTOR, "@Step(id = \"roles\"", "@Step(id = \"iam-roles\""),
        "dependsOn = \"roles\"", "dependsOn = \"iam-roles\""));
    assertNotEquals(BEFORE.get("roles"), after.get("iam-roles"));
    assertNotEquals(BEFORE.get("policies"), after.get("policies"));
    assertNotEquals(BEFORE.get("report"), after.get("report"));
    assertEquals(BEFORE.get("users"), after.get("users"));
    assertEquals(BEFORE.get("audit"), after.get("audit"));
  }

  /** The space inside a string literal is what the step does, unlike the one between tokens. */
  @Test
  void whitespaceInsideALiteralCounts() {
    assertEquals(Set.of("users", "report"),
        changed(BEFORE, fingerprints(edit(CONNECTOR, "\"name = 'a b'\"", "\"name = 'a  b'\""))));
    assertEquals(Set.of("users", "report"),
        changed(BEFORE, fingerprints(edit(CONNECTOR, "\"name = 'a b'\"", "\"name = 'a b' // not a comment\""))));
  }

  private static final String TEXT_BLOCK =
      "    String query = \"\"\"\n        name = 'a b'\n          and active\n        \"\"\";";

  /** Text blocks: re-indenting the method with them changes nothing, their content does. */
  @Test
  void aTextBlockCountsByItsContent() {
    String withBlock = edit(CONNECTOR, "    String query = \"name = 'a b'\";", TEXT_BLOCK);
    Map<String, String> before = fingerprints(withBlock);
    assertEquals(before, fingerprints(withBlock.replace("\n        ", "\n            ")));
    assertEquals(Set.of("users", "report"), changed(before, fingerprints(edit(withBlock, "  and", "and"))));
  }

  /** The graph that the generated class builds carries the fingerprints, in both forms. */
  @Test
  void theBuiltGraphCarriesTheFingerprintsInTheFlatAndTheChunkedForm() throws Exception {
    JavaFileObject source = JavaFileObjects.forSourceString("com.acme.CloudConnector", CONNECTOR);
    Compilation chunked = GraphFormsTest.compile(2, source);
    assertTrue(Compilations.generated(chunked, "com.acme.CloudConnector_StepGraph").contains("Steps0.addTo("),
        "the chunked form");
    assertEquals(BEFORE, fingerprints(chunked, "com.acme.CloudConnector_StepGraph"));
    for (Compilation compilation : List.of(Compilations.compile(source), chunked)) {
      ClassLoader loader = new LargeConnectorTest.GeneratedClassLoader(
          compilation.generatedFiles(), getClass().getClassLoader());
      ConnectorGraph graph = (ConnectorGraph) loader.loadClass("com.acme.CloudConnector_StepGraph")
          .getMethod("create").invoke(null);
      assertEquals(BEFORE, graph.fingerprints());
    }
  }

  /**
   * Without javac's tree API (Eclipse's compiler) a fingerprint reads the method's declaration:
   * a body edit goes unseen, a signature or a policy does not.
   */
  @Test
  void withoutTheTreeApiTheDeclarationCounts() {
    Map<String, String> before = fingerprints(CONNECTOR, new WithoutTrees());
    assertEquals(ALL, before.keySet());
    before.forEach((id, fingerprint) -> assertNotEquals(BEFORE.get(id), fingerprint, "not from the source: " + id));
    assertEquals(before, fingerprints(edit(CONNECTOR, "    int pages = 2;", "    int pages = 3;"), new WithoutTrees()));
    assertEquals(Set.of("audit"), changed(before,
        fingerprints(edit(CONNECTOR, "void audit(StepContext ctx)", "void audit(StepContext ctx) throws Exception"),
            new WithoutTrees())));
    assertEquals(Set.of("policies", "report", "roles"),
        changed(before, fingerprints(edit(CONNECTOR, "@Retry(attempts = 4", "@Retry(attempts = 5"), new WithoutTrees())));
  }

  private static Map<String, String> fingerprints(String source, Processor processor) {
    return fingerprints(
        Compiler.javac().withProcessors(processor).compile(JavaFileObjects.forSourceString("com.acme.CloudConnector", source)),
        "com.acme.CloudConnector_StepGraph");
  }

  /** A connector of its own, whose step users another connector overrides. */
  private static final String BASE = String.join("\n",
      "package com.acme;",
      "",
      "import dev.stepgraph.Step;",
      "import dev.stepgraph.runtime.StepContext;",
      "",
      "public class AwsConnector {",
      "  @Step(id = \"users\", timeout = \"1m\")",
      "  void users(StepContext ctx) throws Exception {",
      "    System.out.println(\"users\");",
      "  }",
      "}",
      "");

  /** Makes the inherited step users a step of its own class, and runs it through super. */
  private static final String SUBCLASS = String.join("\n",
      "package com.acme;",
      "",
      "import dev.stepgraph.Step;",
      "import dev.stepgraph.runtime.StepContext;",
      "",
      "public class AwsPlusConnector extends AwsConnector {",
      "  @Override",
      "  @Step(id = \"users\")",
      "  void users(StepContext ctx) throws Exception {",
      "    super.users(ctx);",
      "  }",
      "",
      "  @Step(id = \"roles\")",
      "  void roles(StepContext ctx) {}",
      "}",
      "");

  /**
   * A step that overrides an inherited {@code @Step} method, to run it through {@code super}: the
   * overridden method's source counts when it is compiled with the step, its {@code @Step} does not.
   */
  @Test
  void theSourceOfAnOverriddenStepMethodCountsWhenItIsCompiledWithTheStep() {
    Compilation compilation = compileBoth(BASE);
    Map<String, String> base = fingerprints(compilation, "com.acme.AwsConnector_StepGraph");
    Map<String, String> subclass = fingerprints(compilation, "com.acme.AwsPlusConnector_StepGraph");

    Compilation bodyEdited = compileBoth(edit(BASE, "println(\"users\")", "println(\"all users\")"));
    assertEquals(Set.of("users"), changed(base, fingerprints(bodyEdited, "com.acme.AwsConnector_StepGraph")));
    assertEquals(Set.of("users"), changed(subclass, fingerprints(bodyEdited, "com.acme.AwsPlusConnector_StepGraph")));

    Compilation timeoutEdited = compileBoth(edit(BASE, "timeout = \"1m\"", "timeout = \"2m\""));
    assertEquals(Set.of("users"), changed(base, fingerprints(timeoutEdited, "com.acme.AwsConnector_StepGraph")));
    assertEquals(subclass, fingerprints(timeoutEdited, "com.acme.AwsPlusConnector_StepGraph"), "its own policy counts");

    Compilation reformatted = compileBoth(edit(BASE, "    System.out", "    // prints\n    System . out"));
    assertEquals(subclass, fingerprints(reformatted, "com.acme.AwsPlusConnector_StepGraph"));
  }

  private static Compilation compileBoth(String base) {
    return Compilations.compile(JavaFileObjects.forSourceString("com.acme.AwsConnector", base),
        JavaFileObjects.forSourceString("com.acme.AwsPlusConnector", SUBCLASS));
  }

  /**
   * The superclass from a class file (another module, or an incremental build): only its method's
   * declaration counts, so an edit of its body goes unseen.
   */
  @Test
  void anOverriddenMethodFromAClassFileCountsByItsDeclaration(@TempDir Path temp) throws IOException {
    Map<String, String> fromSource = fingerprints(compileBoth(BASE), "com.acme.AwsPlusConnector_StepGraph");
    Map<String, String> before = againstClassFile(temp.resolve("a"), BASE);
    assertEquals(fromSource.get("roles"), before.get("roles"));
    assertNotEquals(fromSource.get("users"), before.get("users"));
    assertEquals(before, againstClassFile(temp.resolve("b"), edit(BASE, "println(\"users\")", "println(\"all users\")")));
  }

  /** Compiles {@code base} alone, without the processor, then the subclass against its class file. */
  private static Map<String, String> againstClassFile(Path classes, String base) throws IOException {
    // Through the processor, as a connector is compiled (without it, the runtime's javac plugin
    // reports the connector whose graph was not generated).
    Compilation baseCompilation = Compiler.javac().withProcessors(new StepGraphProcessor())
        .compile(JavaFileObjects.forSourceString("com.acme.AwsConnector", base));
    assertThat(baseCompilation).succeeded();
    for (JavaFileObject file : baseCompilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS && file.getName().endsWith("/AwsConnector.class")) {
        Path target = classes.resolve("com/acme/AwsConnector.class");
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    List<File> classpath = new ArrayList<>(List.of(classes.toFile()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return fingerprints(Compiler.javac().withProcessors(new StepGraphProcessor()).withClasspath(classpath)
        .compile(JavaFileObjects.forSourceString("com.acme.AwsPlusConnector", SUBCLASS)),
        "com.acme.AwsPlusConnector_StepGraph");
  }
}
