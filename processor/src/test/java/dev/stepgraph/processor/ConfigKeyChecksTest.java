package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @ConfigKey}: names and duplicates on the declaration, and, in a connector that declares
 * keys, the keys its steps read by a constant. Exact text, line and column.
 */
class ConfigKeyChecksTest {

  private static JavaFileObject connector(String... lines) {
    String[] all = new String[lines.length + 3];
    all[0] = "import dev.stepgraph.ConfigKey;";
    all[1] = "import dev.stepgraph.runtime.Config;";
    all[2] = "";
    System.arraycopy(lines, 0, all, 3, lines.length);
    return Compilations.connector("GithubConnector", all);
  }

  private static final String RULE = ", which is not a key name (lowercase dot-separated segments, each a letter"
      + " followed by letters and digits, words separated by single '-' or '_'): ";

  @Test
  void aNameThatIsNotAKeyNameSaysWhatToRenameItTo() {
    JavaFileObject source = connector(
        "@ConfigKey(name = \"Api.pageSize\", description = \"Items per page\")",
        "public class GithubConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "connector 'github' declares config key 'Api.pageSize'" + RULE + "rename it to 'api.page-size'",
        source, "Api.pageSize", "\"Api.pageSize\"");
  }

  @Test
  void repeatedKeysAreEachReportedOnTheirOwnName() {
    JavaFileObject source = connector(
        "@ConfigKey(name = \"api.token\", required = true, secret = true)",
        "@ConfigKey(description = \"Environment variable style\", name = \"API_BASE_URL\")",
        "@ConfigKey(name = \"api..2fa\")",
        "@ConfigKey(name = \"\")",
        "@ConfigKey(name = \"api.token\", description = \"again\")",
        "public class GithubConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(4);
    assertError(compilation, "connector 'github' declares config key 'API_BASE_URL'" + RULE + "rename it to 'api_base_url'",
        source, "API_BASE_URL", "\"API_BASE_URL\"");
    assertError(compilation, "connector 'github' declares config key 'api..2fa'" + RULE + "rename it",
        source, "api..2fa", "\"api..2fa\"");
    assertError(compilation, "a @ConfigKey of connector 'github' has an empty name: give it the key its"
        + " configuration file uses, such as 'api.token'", source, "name = \"\")", "\"\"");
    assertError(compilation, "config key 'api.token' is declared more than once on connector 'github': remove"
        + " this @ConfigKey, or give it another name", source, "again", "\"api.token\"");
  }

  @Test
  void keysInAContainerWrittenOutAndNamedByConstantsAreChecked() {
    JavaFileObject keys = JavaFileObjects.forSourceLines("com.acme.Keys",
        "package com.acme;",
        "",
        "public final class Keys {",
        "  public static final String TOKEN = \"api.\" + \"token\";",
        "  public static final String BAD = \"Api.Url\";",
        "  private Keys() {}",
        "}");
    JavaFileObject source = connector(
        "@dev.stepgraph.ConfigKeys({",
        "    @ConfigKey(name = Keys.TOKEN),",
        "    @ConfigKey(name = Keys.BAD)})",
        "public class GithubConnector {",
        "  @Step(id = \"users\")",
        "  void users(StepContext ctx) {",
        "    ctx.config().require(Keys.TOKEN);",
        "  }",
        "}");
    assertOnlyError(Compilations.compile(source, keys),
        "connector 'github' declares config key 'Api.Url'" + RULE + "rename it to 'api.url'",
        source, "Keys.BAD", ".BAD"); // where javac puts its own carets on a field access
  }

  @Test
  void aStepThatReadsAnUndeclaredKeySaysWhichWasMeantOrHowToDeclareIt() {
    JavaFileObject source = connector(
        "@ConfigKey(name = \"api.token\", required = true, secret = true)",
        "@ConfigKey(name = \"api.page-size\")",
        "public class GithubConnector {",
        "  static final String ORG = \"org\";",
        "  @Step(id = \"users\")",
        "  void users(StepContext ctx) {",
        "    ctx.config().require(\"api.token\");",
        "    ctx.config().require(\"api.tokn\");",
        "    Config config = ctx.config();",
        "    var same = ctx.config();",
        "    config.getInt(\"api.pagesize\", 100);",
        "    same.get(ORG);",
        "    String computed = \"api.\" + ctx.stepId();",
        "    config.get(computed);",
        "    config.getBoolean(\"api.page-size\", false);",
        "  }",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(3);
    assertError(compilation, "step 'users' reads config key 'api.tokn', which connector 'github' does not declare:"
        + " did you mean 'api.token'?", source, "\"api.tokn\"", "\"api.tokn\"");
    assertError(compilation, "step 'users' reads config key 'api.pagesize', which connector 'github' does not"
        + " declare: did you mean 'api.page-size'?", source, "\"api.pagesize\"", "\"api.pagesize\"");
    assertError(compilation, "step 'users' reads config key 'org', which connector 'github' does not declare:"
        + " declare it with @ConfigKey(name = \"org\") on GithubConnector, or read one of the declared keys"
        + " (api.token, api.page-size)", source, "same.get(ORG)", "ORG");
  }

  @Test
  void aConnectorThatDeclaresNoKeyReadsAnyKey() {
    JavaFileObject source = connector(
        "public class GithubConnector {",
        "  @Step(id = \"users\")",
        "  void users(StepContext ctx) {",
        "    ctx.config().require(\"api.tokn\");",
        "    ctx.config().getInt(\"Whatever Key\", 1);",
        "  }",
        "}");
    assertThat(Compilations.compile(source)).succeededWithoutWarnings();
  }

  @Test
  void aClassWithConfigKeysButNoStepIsAWarning() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.acme.Settings",
        "package com.acme;",
        "",
        "import dev.stepgraph.ConfigKey;",
        "",
        "@ConfigKey(name = \"api.token\")",
        "public class Settings {}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "class com.acme.Settings has @ConfigKey but no @Step method, so it is not a connector and no run checks"
            + " these keys: declare them on the connector class that reads them",
        source, "@ConfigKey", "@ConfigKey");
  }
}
