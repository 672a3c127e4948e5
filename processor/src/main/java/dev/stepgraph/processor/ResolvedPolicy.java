package dev.stepgraph.processor;

import static dev.stepgraph.processor.GeneratedTypes.DURATION;
import static dev.stepgraph.processor.GeneratedTypes.RETRY_POLICY;
import static dev.stepgraph.processor.GeneratedTypes.STEP_POLICY;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The policy of a checked step, connector default resolved: what {@code StepPolicy} the generated
 * graph passes, in code and in the words of the runtime's {@code plan}. The processor's twin of the
 * runtime's {@code dev.stepgraph.runtime.graph.StepPolicy}, which the processor cannot use (the
 * runtime is not on javac's processor path): {@link #describe()} must say what {@code
 * StepPolicy.describe()} says, and a test holds the two to that for every shape of policy.
 *
 * @param timeout the timeout, if any
 * @param retry the {@code @Retry}, if it retries (more than one attempt)
 * @param skipOnDependencyFailure whether the step is skipped when a dependency did not succeed
 */
record ResolvedPolicy(@Nullable Duration timeout, @Nullable RetryModel retry, boolean skipOnDependencyFailure) {

  /** Resolves the policy of a step that passed {@link PolicyCheck}. */
  static ResolvedPolicy of(ConnectorModel connector, StepModel step) {
    Duration timeout = step.timeout().isEmpty() ? null : Durations.parse(step.timeout()).orElseThrow();
    RetryModel retry = step.retry() != null && step.retry().attempts() > 1 ? step.retry() : null;
    String onDependencyFailure = step.onDependencyFailure().equals("INHERIT")
        ? connector.onDependencyFailure() : step.onDependencyFailure();
    return new ResolvedPolicy(timeout, retry, onDependencyFailure.equals("SKIP"));
  }

  /**
   * The policy of each step of a connector that passed {@link PolicyCheck}, in step order: resolved
   * once, for the fingerprints, the class Javadoc and the registrations alike.
   */
  static List<ResolvedPolicy> allOf(ConnectorModel connector) {
    List<ResolvedPolicy> policies = new ArrayList<>(connector.steps().size());
    for (StepModel step : connector.steps()) {
      policies.add(of(connector, step));
    }
    return List.copyOf(policies);
  }

  boolean isDefault() {
    return timeout == null && retry == null && !skipOnDependencyFailure;
  }

  /**
   * A Java expression building the policy from {@code StepPolicy.DEFAULT}, with only what differs:
   * the first {@code with...} call on the line of {@code DEFAULT}, each further one on its own line.
   */
  CodeBlock javaExpression() {
    List<CodeBlock> calls = new ArrayList<>(3);
    if (timeout != null) {
      calls.add(CodeBlock.of(".withTimeout($T.$L)", DURATION, Durations.javaFactory(timeout)));
    }
    if (retry != null) {
      CodeBlock.Builder policy = CodeBlock.builder().add("$T.of($L,$W$T.$L,$W$L,$W$T.$L,$W$L)", RETRY_POLICY,
          retry.attempts(), DURATION, Durations.javaFactory(duration(retry.backoff())),
          Durations.javaLiteral(retry.multiplier()), DURATION, Durations.javaFactory(duration(retry.maxBackoff())),
          Durations.javaLiteral(retry.jitter()));
      addClasses(policy, ".withRetryOn", retry.retryOn());
      addClasses(policy, ".withNoRetryOn", retry.noRetryOn());
      calls.add(CodeBlock.of(".withRetry($L)", policy.build()));
    }
    if (skipOnDependencyFailure) {
      calls.add(CodeBlock.of(".withSkipOnDependencyFailure(true)"));
    }
    CodeBlock.Builder out = CodeBlock.builder().add("$T.DEFAULT", STEP_POLICY);
    for (int i = 0; i < calls.size(); i++) {
      out.add(i == 0 ? "$L" : "\n$>$>$L$<$<", calls.get(i));
    }
    return out.build();
  }

  /** {@code \n.withRetryOn(IOException.class, TimeoutException.class)}, on a line of its own; nothing for none. */
  private static void addClasses(CodeBlock.Builder policy, String method, List<RetryModel.ExceptionClass> classes) {
    if (classes.isEmpty()) {
      return;
    }
    List<CodeBlock> names = new ArrayList<>();
    for (RetryModel.ExceptionClass listed : classes) {
      names.add(CodeBlock.of("$T.class", ClassName.get(listed.type())));
    }
    policy.add("\n$>$>$L($L)$<$<", method, CodeBlock.join(names, ",$W"));
  }

  /**
   * As the runtime's {@code StepPolicy.describe()} prints it: {@code timeout 30s, retry 3 attempts
   * (backoff 500ms, x2.0, max 1m, jitter 0.2), on dependency failure skip}.
   */
  String describe() {
    List<String> parts = new ArrayList<>(3);
    if (timeout != null) {
      parts.add("timeout " + Durations.format(timeout));
    }
    if (retry != null) {
      String failures = describeFailures(retry);
      parts.add("retry " + retry.attempts() + " attempts" + (failures.isEmpty() ? "" : " " + failures)
          + " (backoff " + Durations.format(duration(retry.backoff())) + ", x" + retry.multiplier() + ", max "
          + Durations.format(duration(retry.maxBackoff())) + ", jitter " + retry.jitter() + ")");
    }
    if (skipOnDependencyFailure) {
      parts.add("on dependency failure skip");
    }
    return String.join(", ", parts);
  }

  /** As the runtime's {@code RetryPolicy.describeFailures()}: {@code on IOException except FileNotFoundException}. */
  private static String describeFailures(RetryModel retry) {
    StringBuilder out = new StringBuilder();
    if (!retry.retryOn().isEmpty()) {
      out.append("on ").append(simpleNames(retry.retryOn()));
    }
    if (!retry.noRetryOn().isEmpty()) {
      out.append(out.length() == 0 ? "" : " ").append("except ").append(simpleNames(retry.noRetryOn()));
    }
    return out.toString();
  }

  private static String simpleNames(List<RetryModel.ExceptionClass> classes) {
    StringBuilder out = new StringBuilder();
    for (RetryModel.ExceptionClass listed : classes) {
      out.append(out.length() == 0 ? "" : " or ").append(listed.simpleName());
    }
    return out.toString();
  }

  private static Duration duration(String text) {
    return Durations.parse(text).orElseThrow();
  }
}
