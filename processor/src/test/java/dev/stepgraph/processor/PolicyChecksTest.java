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

/** Step policies: each mistake is an error on the annotation value (or the annotation) saying how to fix it. */
class PolicyChecksTest {

  private static JavaFileObject connector(String... lines) {
    String[] all = new String[lines.length + 3];
    all[0] = "import dev.stepgraph.OnDependencyFailure;";
    all[1] = "import dev.stepgraph.Retry;";
    all[2] = "";
    System.arraycopy(lines, 0, all, 3, lines.length);
    return Compilations.connector("AwsConnector", all);
  }

  @Test
  void malformedTimeoutIsAnErrorOnTheValue() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\", timeout = \"30 sec\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': timeout '30 sec' is not a duration: write it like \"500ms\", \"30s\", \"5m\", \"1h\""
            + " or ISO-8601 \"PT30S\"",
        source, "30 sec", "\"30 sec\"");
  }

  @Test
  void unitsOtherThanMsSMAndHAreNotDurations() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\", timeout = \"2d\") void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", timeout = \"30S\") void roles(StepContext ctx) {}",
        "  @Step(id = \"hosts\", timeout = \"-5s\") void hosts(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(3);
    assertError(compilation,
        "step 'users': timeout '2d' is not a duration: write it like \"500ms\", \"30s\", \"5m\", \"1h\""
            + " or ISO-8601 \"PT30S\"",
        source, "\"2d\"", "\"2d\"");
    assertError(compilation,
        "step 'roles': timeout '30S' is not a duration: write it like \"500ms\", \"30s\", \"5m\", \"1h\""
            + " or ISO-8601 \"PT30S\"",
        source, "\"30S\"", "\"30S\"");
  }

  @Test
  void durationsLongerThanADurationHoldsAreErrorsOnTheirValues() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\", timeout = \"9223372036854775808ms\") void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", timeout = \"PT2562047788015215H30M8S\") void roles(StepContext ctx) {}",
        "  @Step(id = \"hosts\")",
        "  @Retry(backoff = \"99999999999999999999s\", maxBackoff = \"P106751991167301D\")",
        "  void hosts(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(4);
    String tooLong = "is longer than a java.time.Duration can hold (at most PT2562047788015215H30M7.999999999S,"
        + " about 292 billion years)";
    assertError(compilation,
        "step 'users': timeout '9223372036854775808ms' " + tooLong + ": write a shorter one, or remove timeout for"
            + " no limit",
        source, "9223372036854775808ms", "\"9223372036854775808ms\"");
    assertError(compilation,
        "step 'roles': timeout 'PT2562047788015215H30M8S' " + tooLong + ": write a shorter one, or remove timeout"
            + " for no limit",
        source, "PT2562047788015215H30M8S", "\"PT2562047788015215H30M8S\"");
    assertError(compilation,
        "step 'hosts': @Retry backoff '99999999999999999999s' " + tooLong + ": write a duration like \"500ms\","
            + " or \"0ms\" to retry at once",
        source, "99999999999999999999s", "\"99999999999999999999s\"");
    assertError(compilation,
        "step 'hosts': @Retry maxBackoff 'P106751991167301D' " + tooLong + ": write a duration like \"1m\"",
        source, "P106751991167301D", "\"P106751991167301D\"");
  }

  @Test
  void zeroOrNegativeTimeoutMustBePositive() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\", timeout = \"0s\") void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", timeout = \"-PT1S\") void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'users': timeout '0s' must be positive: write how long one attempt may take, like \"30s\","
            + " or remove timeout for no limit",
        source, "\"0s\"", "\"0s\"");
    assertError(compilation,
        "step 'roles': timeout '-PT1S' must be positive: write how long one attempt may take, like \"30s\","
            + " or remove timeout for no limit",
        source, "-PT1S", "\"-PT1S\"");
  }

  @Test
  void retryWithoutStepIsAnErrorOnTheAnnotation() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "  @Retry(attempts = 5) void listRoles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "@Retry on method listRoles(StepContext) has no effect without @Step: make the method a step with"
            + " @Step(id = \"list-roles\") or remove @Retry",
        source, "listRoles", "@Retry");
  }

  @Test
  void retryInAClassWithoutAnyStepIsAnError() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.acme.Helper",
        "package com.acme;",
        "",
        "import dev.stepgraph.Retry;",
        "",
        "public class Helper {",
        "  @Retry",
        "  void fetch(String url) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "@Retry on method fetch(String) has no effect without @Step: make the method a step with"
            + " @Step(id = \"fetch\") or remove @Retry",
        source, "@Retry", "@Retry");
  }

  @Test
  void attemptsBelowOneIsAnErrorOnTheValue() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(attempts = 0)",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry attempts = 0 must be at least 1 (the first attempt counts): write attempts = 2 or"
            + " more to retry, or remove @Retry",
        source, "attempts = 0", "0");
  }

  @Test
  void oneAttemptIsAWarningOnTheValue() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(attempts = 1, backoff = \"2s\")",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'users': @Retry attempts = 1 never retries (the first attempt counts): remove @Retry or raise"
            + " attempts to 2 or more",
        source, "attempts = 1", "1,");
  }

  @Test
  void malformedOrNegativeBackoffsAreErrorsOnTheirValues() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(backoff = \"1 sec\", maxBackoff = \"forever\")",
        "  void users(StepContext ctx) {}",
        "  @Step(id = \"roles\")",
        "  @Retry(backoff = \"-PT1S\", maxBackoff = \"-PT2S\")",
        "  void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(4);
    assertError(compilation,
        "step 'users': @Retry backoff '1 sec' is not a duration: write it like \"500ms\", \"30s\", \"5m\", \"1h\""
            + " or ISO-8601 \"PT30S\"",
        source, "1 sec", "\"1 sec\"");
    assertError(compilation,
        "step 'users': @Retry maxBackoff 'forever' is not a duration: write it like \"500ms\", \"30s\", \"5m\","
            + " \"1h\" or ISO-8601 \"PT30S\"",
        source, "forever", "\"forever\"");
    assertError(compilation,
        "step 'roles': @Retry backoff '-PT1S' must not be negative: write a duration like \"500ms\", or \"0ms\""
            + " to retry at once",
        source, "-PT1S", "\"-PT1S\"");
    assertError(compilation,
        "step 'roles': @Retry maxBackoff '-PT2S' must not be negative: write a duration like \"1m\"",
        source, "-PT2S", "\"-PT2S\"");
  }

  @Test
  void maxBackoffShorterThanBackoffIsAnErrorOnMaxBackoff() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(backoff = \"5s\", maxBackoff = \"1s\")",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry maxBackoff '1s' is shorter than backoff '5s': raise maxBackoff to at least '5s'"
            + " or lower backoff",
        source, "maxBackoff", "\"1s\"");
  }

  @Test
  void backoffLongerThanTheDefaultMaxBackoffIsAnErrorOnTheAnnotation() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(backoff = \"2m\")",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry maxBackoff '1m' is shorter than backoff '2m': raise maxBackoff to at least '2m'"
            + " or lower backoff",
        source, "@Retry", "@Retry");
  }

  @Test
  void multiplierBelowOneOrNotANumberIsAnErrorOnTheValue() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(multiplier = 0.5)",
        "  void users(StepContext ctx) {}",
        "  @Step(id = \"roles\")",
        "  @Retry(multiplier = Double.NaN)",
        "  void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'users': @Retry multiplier 0.5 must be a finite number of at least 1.0: write 1.0 to keep the"
            + " delay constant, or e.g. 2.0 to double it after each attempt",
        source, "0.5", "0.5");
    assertError(compilation,
        "step 'roles': @Retry multiplier NaN must be a finite number of at least 1.0: write 1.0 to keep the"
            + " delay constant, or e.g. 2.0 to double it after each attempt",
        source, "Double.NaN", ".NaN"); // javac puts the caret of a field access on the dot
  }

  @Test
  void jitterOutsideZeroToOneIsAnErrorOnTheValue() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(jitter = 1.5)",
        "  void users(StepContext ctx) {}",
        "  @Step(id = \"roles\")",
        "  @Retry(jitter = -0.1)",
        "  void roles(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'users': @Retry jitter 1.5 must be from 0 to 1: write e.g. 0.2 to spread each delay by up to 20%,"
            + " or 0 for none",
        source, "1.5", "1.5");
    assertError(compilation,
        "step 'roles': @Retry jitter -0.1 must be from 0 to 1: write e.g. 0.2 to spread each delay by up to 20%,"
            + " or 0 for none",
        source, "-0.1", "-0.1");
  }

  @Test
  void connectorCannotInherit() {
    JavaFileObject source = connector(
        "@Connector(onDependencyFailure = OnDependencyFailure.INHERIT)",
        "public class AwsConnector {",
        "  @Step(id = \"users\") void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "connector 'aws': @Connector(onDependencyFailure = INHERIT) has nothing to inherit from: use RUN (the"
            + " default) or SKIP",
        source, "INHERIT", ".INHERIT"); // javac puts the caret of a field access on the dot
  }

  @Test
  void validPoliciesAndDefaultsCompileWithoutWarnings() {
    JavaFileObject source = connector(
        "@Connector(onDependencyFailure = OnDependencyFailure.SKIP)",
        "public class AwsConnector {",
        "  @Step(id = \"users\", timeout = \"PT1M30S\", onDependencyFailure = OnDependencyFailure.INHERIT)",
        "  @Retry",
        "  void users(StepContext ctx) {}",
        "  @Step(id = \"roles\", timeout = \"1h\")",
        "  @Retry(attempts = 2, backoff = \"0ms\", multiplier = 1.0, maxBackoff = \"0ms\", jitter = 0)",
        "  void roles(StepContext ctx) {}",
        "  @Step(id = \"hosts\", timeout = \"\", onDependencyFailure = OnDependencyFailure.RUN)",
        "  @Retry(backoff = \"1m\", jitter = 1)",
        "  void hosts(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void everyMistakeOfOneRetryIsReported() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\", timeout = \"soon\")",
        "  @Retry(attempts = -1, backoff = \"x\", multiplier = 0, maxBackoff = \"1s\", jitter = 2)",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(5);
  }
}
