package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Step(emits, reads)} on the annotation: type names, repeated types, and every type read
 * being emitted upstream. Exact text and position of each diagnostic.
 */
class DataContractChecksTest {
  private static final String RULE =
      ", which is not a type name (lowercase letters and digits, words separated by single '-' or '_'): ";

  @Test
  void typeNamesOfLowercaseWordsWithHyphensOrUnderscoresAreValid() {
    Compilation compilation = Compilations.compile(Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"aws_iam_user\", \"ec2-instance\", \"s3\", \"a-b_c\"})",
        "  void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\", reads = {\"ec2-instance\", \"aws_iam_user\"})",
        "  void services(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void anUppercaseTypeIsRenamedToLowercase() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"vm\", \"Host\"}) void hosts(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source), "step 'hosts' emits 'Host'" + RULE + "rename it to 'host'",
        source, "\"hosts\"", "\"Host\"");
  }

  @Test
  void aCamelCaseTypeIsRenamedWithHyphens() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"users\", emits = \"AwsIamUser\") void users(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source), "step 'users' emits 'AwsIamUser'" + RULE + "rename it to 'aws-iam-user'",
        source, "\"users\"", "\"AwsIamUser\"");
  }

  @Test
  void aTypeWithUnderscoresKeepsThemInTheFix() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"users\", emits = \"AWS_IAM_User\") void users(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source), "step 'users' emits 'AWS_IAM_User'" + RULE + "rename it to 'aws_iam_user'",
        source, "\"users\"", "\"AWS_IAM_User\"");
  }

  @Test
  void spacesAccentsAndDoubledSeparatorsAreFixedInReadsToo() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"hote\", \"aws_user\"}) void hosts(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"hosts\",",
        "      reads = {\"host \", \"hôte\", \"aws__user\", \"--\"})",
        "  void report(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(4);
    assertError(compilation, "step 'report' reads 'host '" + RULE + "rename it to 'host'", source, "reads =", "\"host \"");
    assertError(compilation, "step 'report' reads 'hôte'" + RULE + "rename it to 'hote'", source, "reads =", "\"hôte\"");
    assertError(compilation, "step 'report' reads 'aws__user'" + RULE + "rename it to 'aws_user'",
        source, "reads =", "\"aws__user\"");
    assertError(compilation, "step 'report' reads '--'" + RULE + "rename it", source, "reads =", "\"--\"");
  }

  @Test
  void anEmptyTypeIsNoTypeName() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"\"}) void hosts(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'hosts' lists an empty string in emits, which is not a type name: remove it",
        source, "\"hosts\"", "\"\"}");
  }

  @Test
  void typeNameFixes() {
    assertEquals("host", DataTypes.toTypeName("Host"));
    assertEquals("aws-iam-user", DataTypes.toTypeName("AwsIamUser"));
    assertEquals("aws_iam_user", DataTypes.toTypeName("AWS_IAM_User"));
    assertEquals("host", DataTypes.toTypeName("host "));
    assertEquals("host", DataTypes.toTypeName(" host"));
    assertEquals("ec2-instance", DataTypes.toTypeName("EC2 Instance"));
    assertEquals("ec2-instance", DataTypes.toTypeName("Ec2Instance"));
    assertEquals("aws_iam_user", DataTypes.toTypeName("AwsIam_User"), "words joined as the name joins them");
    assertEquals("aws_iam_user", DataTypes.toTypeName("aws iam_user"));
    assertEquals("aws-iam-user", DataTypes.toTypeName("aws iam User"));
    assertEquals("aws_iam-user", DataTypes.toTypeName("AWS_IAM-User"), "written separators stay");
    assertEquals("http-server", DataTypes.toTypeName("HTTPServer"));
    assertEquals("uber_host", DataTypes.toTypeName("über__host"));
    assertEquals("", DataTypes.toTypeName("_-_"));
    assertEquals("iam-users", Ids.toKebabCase("IAM_Users"), "step ids still become kebab-case");
  }

  @Test
  void aTypeListedTwiceIsAWarningOnTheSecond() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"vm\", \"host\"}) void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\",",
        "      reads = {\"vm\", \"vm\"}) void services(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertEquals(2, compilation.warnings().size(), Diagnostics.describe(compilation));
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'hosts' lists 'host' more than once in emits: remove the repeated entry",
        source, "\"hosts\", emits", "\"host\"}");
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'services' lists 'vm' more than once in reads: remove the repeated entry",
        source, "reads =", "\"vm\"}");
  }

  @Test
  void aTypeReadFromATransitiveUpstreamStepIsFine() {
    Compilation compilation = Compilations.compile(Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\") void services(StepContext ctx) {}",
        "  @Step(id = \"ports\", dependsOn = \"services\", emits = \"port\") void ports(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"ports\", reads = {\"port\", \"host\"}) void report(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aTypeEmittedByAStepThatIsNotUpstreamSaysToDependOnIt() {
    JavaFileObject source = Compilations.connector("CloudInventoryConnector",
        "public class CloudInventoryConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"users\", emits = \"user\") void users(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"users\", reads = {\"user\", \"host\"})",
        "  void services(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'services' reads 'host', which step 'hosts' emits, but 'hosts' is not upstream of 'services':"
            + " add \"hosts\" to its dependsOn",
        source, "reads =", "\"host\"");
  }

  @Test
  void aTypeEmittedByTwoOrMoreStepsNamesThemAll() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"vms\", emits = {\"host\", \"vm\"}) void vms(StepContext ctx) {}",
        "  @Step(id = \"bare-metal\", emits = {\"vm\"}) void bareMetal(StepContext ctx) {}",
        "  @Step(id = \"containers\", emits = {\"vm\"}) void containers(StepContext ctx) {}",
        "  @Step(id = \"lambdas\", emits = {\"vm\"}) void lambdas(StepContext ctx) {}",
        "  @Step(id = \"report\", reads = {\"host\", \"vm\"}) void report(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'report' reads 'host', which steps 'hosts' and 'vms' emit, but neither is upstream of 'report':"
            + " add \"hosts\" or \"vms\" to its dependsOn",
        source, "\"report\"", "\"host\"");
    assertError(compilation,
        "step 'report' reads 'vm', which steps 'vms', 'bare-metal', 'containers' and 1 more emit, but none is"
            + " upstream of 'report': add one of them to its dependsOn",
        source, "\"report\"", "\"vm\"");
  }

  @Test
  void aTypeEmittedOnlyDownstreamCannotBeDependedOn() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", reads = {\"service\", \"port\"}) void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\", emits = \"service\") void services(StepContext ctx) {}",
        "  @Step(id = \"ports\", dependsOn = \"services\", emits = \"port\") void ports(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'hosts' reads 'service', which step 'services' emits, but 'services' runs after 'hosts' (it depends"
            + " on 'hosts'): read 'service' in a step downstream of 'services', or emit it from a step upstream of"
            + " 'hosts'",
        source, "\"hosts\", reads", "\"service\"");
    assertError(compilation,
        "step 'hosts' reads 'port', which step 'ports' emits, but 'ports' runs after 'hosts' (it depends on"
            + " 'hosts' through other steps): read 'port' in a step downstream of 'ports', or emit it from a step"
            + " upstream of 'hosts'",
        source, "\"hosts\", reads", "\"port\"");
  }

  @Test
  void aTypeEmittedByANotUpstreamAndADownstreamStepSuggestsOnlyTheOneThatCanBeDependedOn() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", reads = \"service\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\", emits = \"service\") void services(StepContext ctx) {}",
        "  @Step(id = \"catalog\", emits = \"service\") void catalog(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'hosts' reads 'service', which steps 'services' and 'catalog' emit, but neither is upstream of"
            + " 'hosts': add \"catalog\" to its dependsOn",
        source, "\"hosts\", reads", "\"service\"");
  }

  @Test
  void aTypeOnlyTheStepItselfEmitsIsNotInItsPriorData() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\", reads = \"host\") void hosts(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'hosts' reads 'host', which only 'hosts' itself emits: a step's prior data holds what the steps"
            + " upstream of it emitted, never its own; remove 'host' from reads",
        source, "\"hosts\"", "\"host\")");
  }

  @Test
  void aTypeNoStepEmitsSuggestsTheClosestEmittedType() {
    JavaFileObject source = Compilations.connector("CloudInventoryConnector",
        "public class CloudInventoryConnector {",
        "  @Step(id = \"hosts\", emits = {\"host\", \"vm\"}) void hosts(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"hosts\", reads = \"hots\") void services(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'services' reads 'hots', which no step of connector 'cloud-inventory' emits; did you mean 'host'?",
        source, "\"services\"", "\"hots\"");
  }

  @Test
  void aTypeNoStepEmitsNamesTheUpstreamStepsThatDeclareNoEmits() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"vms\", dependsOn = \"hosts\") void vms(StepContext ctx) {}",
        "  @Step(id = \"services\", dependsOn = \"vms\", emits = \"service\") void services(StepContext ctx) {}",
        "  @Step(id = \"ports\", dependsOn = \"services\", reads = \"host\") void ports(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"hosts\", reads = \"host\") void report(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'ports' reads 'host', which no step of connector 'cloud' emits: declare it in the emits of the step"
            + " upstream of 'ports' that emits it ('vms' and 'hosts' declare no emits), or remove it from reads",
        source, "\"ports\"", "\"host\"");
    assertError(compilation,
        "step 'report' reads 'host', which no step of connector 'cloud' emits: declare it in the emits of the step"
            + " upstream of 'report' that emits it ('hosts' declares no emits), or remove it from reads",
        source, "\"report\"", "\"host\"");
  }

  @Test
  void aTypeNoStepEmitsWithNothingCloseOrUndeclaredUpstream() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"hosts\", reads = {\"vpc-endpoint\"}) void report(StepContext ctx) {}",
        "}");
    assertOnlyError(Compilations.compile(source),
        "step 'report' reads 'vpc-endpoint', which no step of connector 'cloud' emits: declare it in the emits of a"
            + " step and add that step to dependsOn, or remove it from reads",
        source, "\"report\"", "\"vpc-endpoint\"");
  }

  @Test
  void aTypeThatIsNoTypeNameIsReportedOnceNotAlsoAsUnemitted() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"report\", dependsOn = \"hosts\", reads = {\"Host\", \"host\", \"host\"})",
        "  void report(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation, "step 'report' reads 'Host'" + RULE + "rename it to 'host'", source, "reads", "\"Host\"");
    assertEquals(1, compilation.warnings().size(), Diagnostics.describe(compilation));
  }

  @Test
  void aTypeReadTwiceThatNoStepEmitsIsReportedOnce() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "public class CloudConnector {",
        "  @Step(id = \"report\", reads = {\"vpc\", \"vpc\"}) void report(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'report' reads 'vpc', which no step of connector 'cloud' emits: declare it in the emits of a step and"
            + " add that step to dependsOn, or remove it from reads",
        source, "\"report\"", "\"vpc\"");
  }

  @Test
  void everyMistakeIsReportedInOneBuild() {
    JavaFileObject source = Compilations.connector("CloudConnector",
        "import dev.stepgraph.runtime.Entity;",
        "",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\", emits = \"Host\") void hosts(StepContext ctx) {}",
        "  @Step(id = \"users\", dependsOn = \"host\", emits = \"user\") void users(StepContext ctx) {}",
        "  @Step(id = \"report\", reads = \"user\", emits = \"report\")",
        "  void report(StepContext ctx) { ctx.emit(Entity.of(\"reprot\", \"r\")); }",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertEquals(List.of(
        "step 'users' depends on unknown step 'host': did you mean 'hosts'?",
        "step 'hosts' emits 'Host'" + RULE + "rename it to 'host'",
        "step 'report' reads 'user', which step 'users' emits, but 'users' is not upstream of 'report':"
            + " add \"users\" to its dependsOn",
        "step 'report' creates an entity of type 'reprot', which it does not declare: @Step(emits = {\"report\"});"
            + " did you mean 'report'?"),
        Diagnostics.errors(compilation));
  }

  @Test
  void undeclaredContractsAreNotChecked() {
    Compilation compilation = Compilations.compile(Compilations.connector("CloudConnector",
        "import dev.stepgraph.runtime.Entity;",
        "",
        "public class CloudConnector {",
        "  @Step(id = \"hosts\") void hosts(StepContext ctx) { ctx.emit(Entity.of(\"Anything at all\", \"h\")); }",
        "  @Step(id = \"report\", dependsOn = \"hosts\")",
        "  void report(StepContext ctx) { ctx.prior().entitiesByType(\"whatever\"); }",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }
}
