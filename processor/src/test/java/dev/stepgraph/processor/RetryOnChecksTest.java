package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepgraph.processor.Diagnostics.assertDiagnostic;
import static dev.stepgraph.processor.Diagnostics.assertError;
import static dev.stepgraph.processor.Diagnostics.assertOnlyError;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Retry(retryOn, noRetryOn)}: javac holds each class to {@code Throwable}; these are the
 * combinations that cannot mean what they say, each on the class at fault (javac places the caret
 * of a class literal on its {@code .class}, as in its own errors).
 */
class RetryOnChecksTest {

  private static JavaFileObject connector(String... lines) {
    String[] all = new String[lines.length + 7];
    all[0] = "import dev.stepgraph.Retry;";
    all[1] = "import dev.stepgraph.runtime.ConfigException;";
    all[2] = "import dev.stepgraph.runtime.NonRetryableException;";
    all[3] = "import dev.stepgraph.runtime.StepSkippedException;";
    all[4] = "import java.io.FileNotFoundException;";
    all[5] = "import java.io.IOException;";
    all[6] = "";
    System.arraycopy(lines, 0, all, 7, lines.length);
    return Compilations.connector("AwsConnector", all);
  }

  @Test
  void listsThatMeanWhatTheySayCompileWithoutWarnings() {
    Compilation compilation = Compilations.compile(connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(retryOn = IOException.class, noRetryOn = FileNotFoundException.class)",
        "  void users(StepContext ctx) {}",
        "  @Step(id = \"roles\")",
        "  @Retry(noRetryOn = {IllegalArgumentException.class, IllegalStateException.class})",
        "  void roles(StepContext ctx) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aClassInBothListsIsAnErrorOnItsRetryOnEntry() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(retryOn = {IOException.class, IllegalStateException.class}, noRetryOn = IOException.class)",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry lists IOException in both retryOn and noRetryOn, so it is never retried"
            + " (noRetryOn wins): remove it from one of them",
        source, "@Retry(retryOn", ".class, IllegalStateException");
  }

  @Test
  void aSubclassOfANoRetryOnClassInRetryOnIsNeverRetried() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(retryOn = FileNotFoundException.class, noRetryOn = IOException.class)",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry(retryOn) lists FileNotFoundException, a subclass of IOException in noRetryOn, so it"
            + " is never retried (noRetryOn wins): remove it from retryOn, or IOException from noRetryOn",
        source, "@Retry(retryOn", ".class, noRetryOn");
  }

  @Test
  void aNonRetryableExceptionInRetryOnIsAnError() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(retryOn = {IOException.class, NonRetryableException.class, ConfigException.class})",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation,
        "step 'users': @Retry(retryOn) lists NonRetryableException, which is never retried: it ends the step at"
            + " once; remove it from retryOn",
        source, "@Retry(retryOn", ".class, ConfigException");
    assertError(compilation,
        "step 'users': @Retry(retryOn) lists ConfigException, a NonRetryableException, which is never retried: it"
            + " ends the step at once; remove it from retryOn",
        source, "@Retry(retryOn", ".class})");
  }

  @Test
  void aSkipInRetryOnIsAnError() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(retryOn = StepSkippedException.class)",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry(retryOn) lists StepSkippedException, which is never retried: a skip ends the step as"
            + " skipped, not failed; remove it from retryOn",
        source, "@Retry(retryOn", ".class)");
  }

  @Test
  void noRetryOnThrowableRetriesNothing() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(attempts = 3, noRetryOn = Throwable.class)",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertOnlyError(compilation,
        "step 'users': @Retry(noRetryOn) lists Throwable, so no failure is retried: remove @Retry, or list only the"
            + " failures that a retry cannot fix",
        source, "@Retry(attempts", ".class)");
  }

  @Test
  void classesNeverRetriedAnywayAndRepeatedOnesAreWarnings() {
    JavaFileObject source = connector(
        "public class AwsConnector {",
        "  @Step(id = \"users\")",
        "  @Retry(retryOn = {IOException.class, IOException.class},",
        "      noRetryOn = {IllegalStateException.class, NonRetryableException.class})",
        "  void users(StepContext ctx) {}",
        "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(3);
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'users': @Retry(retryOn) lists IOException twice: remove one",
        source, "@Retry(retryOn", ".class},");
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'users': @Retry(noRetryOn) lists IllegalStateException, which is never retried anyway: retryOn"
            + " retries only IOException; remove it from noRetryOn",
        source, "noRetryOn", ".class, NonRetryableException");
    assertDiagnostic(compilation, Diagnostic.Kind.WARNING,
        "step 'users': @Retry(noRetryOn) lists NonRetryableException, which is never retried anyway: a"
            + " NonRetryableException ends the step at once; remove it from noRetryOn",
        source, "noRetryOn", ".class})");
  }
}
