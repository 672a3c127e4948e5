package dev.stepgraph.processor;

import dev.stepgraph.processor.RetryModel.ExceptionClass;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * {@code @Retry(retryOn, noRetryOn)}: that both lists say something that can happen. javac already
 * holds every class to {@code Throwable}; this checks what is left, each on the class at fault:
 *
 * <ul>
 *   <li>error: a class in {@code retryOn} that is never retried anyway: a {@code
 *       NonRetryableException} (it ends the step at once), a {@code StepSkippedException} (a skip is
 *       no failure), or a class that {@code noRetryOn} lists too, or a subclass of one it lists
 *       ({@code noRetryOn} wins);
 *   <li>error: {@code noRetryOn = Throwable.class}, which retries nothing;
 *   <li>warning: a class listed twice in one list; a class in {@code noRetryOn} that is no
 *       subclass of any class of a non-empty {@code retryOn}, so never retried anyway; a {@code
 *       NonRetryableException} in {@code noRetryOn}, never retried anyway.
 * </ul>
 */
final class RetryOnCheck implements ConnectorCheck {
  static final String NON_RETRYABLE = "dev.stepgraph.runtime.NonRetryableException";
  static final String SKIPPED = "dev.stepgraph.runtime.StepSkippedException";

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    for (StepModel step : connector.steps()) {
      RetryModel retry = step.retry();
      if (retry != null && (!retry.retryOn().isEmpty() || !retry.noRetryOn().isEmpty())) {
        check(step, retry, reporter);
      }
    }
  }

  private static void check(StepModel step, RetryModel retry, Reporter reporter) {
    String prefix = "step '" + step.id() + "': @Retry";
    warnTwice(step, retry, retry.retryOn(), "retryOn", reporter);
    warnTwice(step, retry, retry.noRetryOn(), "noRetryOn", reporter);
    for (ExceptionClass listed : retry.retryOn()) {
      String name = listed.simpleName();
      ExceptionClass excluded = firstSuperclassIn(listed.type(), retry.noRetryOn());
      if (isSubclass(listed.type(), NON_RETRYABLE)) {
        reporter.error(prefix + "(retryOn) lists " + name + (is(listed.type(), NON_RETRYABLE) ? "" : ", a NonRetryableException")
                + ", which is never retried: it ends the step at once; remove it from retryOn",
            step.method(), retry.annotation(), listed.value());
      } else if (isSubclass(listed.type(), SKIPPED)) {
        reporter.error(prefix + "(retryOn) lists " + name + ", which is never retried: a skip ends the step as"
                + " skipped, not failed; remove it from retryOn",
            step.method(), retry.annotation(), listed.value());
      } else if (excluded != null && excluded.type().equals(listed.type())) {
        reporter.error(prefix + " lists " + name + " in both retryOn and noRetryOn, so it is never retried"
                + " (noRetryOn wins): remove it from one of them",
            step.method(), retry.annotation(), listed.value());
      } else if (excluded != null) {
        reporter.error(prefix + "(retryOn) lists " + name + ", a subclass of " + excluded.simpleName()
                + " in noRetryOn, so it is never retried (noRetryOn wins): remove it from retryOn, or "
                + excluded.simpleName() + " from noRetryOn",
            step.method(), retry.annotation(), listed.value());
      }
    }
    for (ExceptionClass listed : retry.noRetryOn()) {
      String name = listed.simpleName();
      if (is(listed.type(), "java.lang.Throwable")) {
        reporter.error(prefix + "(noRetryOn) lists Throwable, so no failure is retried: remove @Retry, or list"
                + " only the failures that a retry cannot fix",
            step.method(), retry.annotation(), listed.value());
      } else if (isSubclass(listed.type(), NON_RETRYABLE)) {
        reporter.warning(prefix + "(noRetryOn) lists " + name + ", which is never retried anyway: a"
                + " NonRetryableException ends the step at once; remove it from noRetryOn",
            step.method(), retry.annotation(), listed.value());
      } else if (!retry.retryOn().isEmpty() && firstSuperclassIn(listed.type(), retry.retryOn()) == null
          && !isSuperclassOfAny(listed.type(), retry.retryOn())) {
        reporter.warning(prefix + "(noRetryOn) lists " + name + ", which is never retried anyway: retryOn retries"
                + " only " + names(retry.retryOn()) + "; remove it from noRetryOn",
            step.method(), retry.annotation(), listed.value());
      }
    }
  }

  private static void warnTwice(
      StepModel step, RetryModel retry, List<ExceptionClass> classes, String list, Reporter reporter) {
    Set<String> seen = new HashSet<>();
    for (ExceptionClass listed : classes) {
      if (!seen.add(listed.type().getQualifiedName().toString())) {
        reporter.warning("step '" + step.id() + "': @Retry(" + list + ") lists " + listed.simpleName()
                + " twice: remove one",
            step.method(), retry.annotation(), listed.value());
      }
    }
  }

  /** The first class of {@code classes} that {@code type} is, or is a subclass of; null if none. */
  private static @Nullable ExceptionClass firstSuperclassIn(TypeElement type, List<ExceptionClass> classes) {
    for (ExceptionClass candidate : classes) {
      if (isSubclass(type, candidate.type().getQualifiedName().toString())) {
        return candidate;
      }
    }
    return null;
  }

  /** Whether a class of {@code classes} is a subclass of {@code type} (reported on that class). */
  private static boolean isSuperclassOfAny(TypeElement type, List<ExceptionClass> classes) {
    for (ExceptionClass candidate : classes) {
      if (isSubclass(candidate.type(), type.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }

  /** {@code IOException and TimeoutException}, each once. */
  private static String names(List<ExceptionClass> classes) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (ExceptionClass listed : classes) {
      names.add(listed.simpleName());
    }
    return String.join(" and ", names);
  }

  private static boolean is(TypeElement type, String qualifiedName) {
    return type.getQualifiedName().contentEquals(qualifiedName);
  }

  /** Whether {@code type} is the class {@code qualifiedName} or extends it, through its superclasses. */
  static boolean isSubclass(TypeElement type, String qualifiedName) {
    for (TypeElement current = type; current != null; current = InheritedSteps.superclass(current)) {
      if (is(current, qualifiedName)) {
        return true;
      }
    }
    return false;
  }
}
