package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DependsOnChecksTest {

  @Test
  void unknownDependencyCloseToAKnownIdSuggestsIt() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "  @Step(id = \"policies\", dependsOn = {\"users\", \"role\"}) void policies(StepContext ctx) {}",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation, "step 'policies' depends on unknown step 'role': did you mean 'roles'?",
        source, "\"policies\"", "\"role\"");
  }

  @Test
  void unknownDependencyFarFromEveryIdListsTheKnownIds() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "  @Step(id = \"policies\", dependsOn = \"vpc-endpoints\") void policies(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'policies' depends on unknown step 'vpc-endpoints': use the id of a step of connector 'aws'"
            + " (roles) or declare a @Step(id = \"vpc-endpoints\")",
        source, "\"policies\"", "\"vpc-endpoints\"");
  }

  @Test
  void listOfKnownIdsIsShortenedWhenTheConnectorHasMany() {
    List<String> lines = new ArrayList<>();
    lines.add("public class AwsConnector {");
    for (int i = 0; i < 15; i++) {
      lines.add("  @Step(id = \"step-" + i + "\") void s" + i + "(StepContext ctx) {}");
    }
    lines.add("  @Step(id = \"last\", dependsOn = \"unrelated-name\") void last(StepContext ctx) {}");
    lines.add("}");
    JavaFileObject source = Compilations.connector("AwsConnector", lines.toArray(String[]::new));
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'last' depends on unknown step 'unrelated-name': use the id of a step of connector 'aws' (step-0,"
            + " step-1, step-2, step-3, step-4, step-5, step-6, step-7, step-8, step-9, and 5 more)"
            + " or declare a @Step(id = \"unrelated-name\")",
        source, "\"last\"", "\"unrelated-name\"");
  }

  @Test
  void emptyDependencyIsNoStepIdAndSuggestsNothing() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"a\", dependsOn = \"\") void a(StepContext ctx) {}",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'a' lists an empty string in dependsOn, which is not a step id: remove it, or name a step of"
            + " connector 'aws' (roles, users)",
        source, "\"a\"", "\"\")");
  }

  @Test
  void blankDependencyOfTheOnlyStepIsNoStepIdEither() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"a\", dependsOn = {\" \"}) void a(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'a' lists ' ' in dependsOn, which is not a step id: remove it (connector 'aws' has no other step"
            + " to depend on)",
        source, "\"a\"", "\" \"");
  }

  @Test
  void theStepsOwnIdIsNeverSuggestedForItsDependency() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\", dependsOn = \"usera\") void users(StepContext ctx) {}",
        "  @Step(id = \"userb\") void userb(StepContext ctx) {}",
        "  @Step(id = \"roles\", dependsOn = \"role\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    Diagnostics.assertError(compilation, "step 'users' depends on unknown step 'usera': did you mean 'userb'?",
        source, "\"usera\"", "\"usera\"");
    Diagnostics.assertError(compilation,
        "step 'roles' depends on unknown step 'role': use the id of a step of connector 'aws' (users, userb) or"
            + " declare a @Step(id = \"role\")",
        source, "\"role\"", "\"role\"");
  }

  @Test
  void aConnectorWithOneStepHasNoOtherStepToSuggest() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"users\", dependsOn = \"user\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users' depends on unknown step 'user': connector 'aws' has no other step; declare a"
            + " @Step(id = \"user\") or remove the dependency",
        source, "\"user\"", "\"user\"");
  }

  @Test
  void repeatedDependencyIsAWarningOnTheRepeatAndIsGeneratedOnce() {
    JavaFileObject source = Compilations.connector("AwsConnector",
        "public class AwsConnector {",
        "  @Step(id = \"roles\") void roles(StepContext ctx) {}",
        "  @Step(id = \"policies\", dependsOn = {\"roles\", \"roles\"}) void policies(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertEquals(1, compilation.warnings().size(), Diagnostics.describe(compilation));
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'policies' lists 'roles' more than once in dependsOn: remove the repeated entry",
        source, "\"policies\"", "\"roles\"}");
    assertTrue(Compilations.generated(compilation, "com.acme.AwsConnector_StepGraph")
        .contains(".step(\"policies\", \"\", List.<String>of(\"roles\"), 1, new Steps(connector, 1))"));
  }

  @Test
  void suggestionsFindTyposWithoutComparingAgainstEveryId() {
    Suggestions suggestions = new Suggestions(List.of("users", "roles", "hosts", "policies", "ec2-instances"));
    assertEquals("roles", suggestions.closest("role").orElseThrow());
    assertEquals("roles", suggestions.closest("rolse").orElseThrow());
    assertEquals("policies", suggestions.closest("polices").orElseThrow());
    assertEquals("ec2-instances", suggestions.closest("ec2-instance").orElseThrow());
    assertEquals("users", suggestions.closest("Users").orElseThrow());
    assertTrue(suggestions.closest("vpc").isEmpty());
    assertTrue(suggestions.closest("x").isEmpty());
    assertEquals("roles", suggestions.closest("role", "users").orElseThrow());
    assertTrue(suggestions.closest("role", "roles").isEmpty(), "never the excluded id");
  }
}
