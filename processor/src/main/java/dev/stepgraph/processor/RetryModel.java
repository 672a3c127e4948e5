package dev.stepgraph.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @Retry} as written: each value with defaults applied, and the annotation value for the
 * caret when it is written explicitly (null when left at its default: report on the annotation).
 * {@code retryOn} and {@code noRetryOn} hold the classes javac resolved, in declaration order, each
 * with its own annotation value (a class javac could not resolve is its error, not ours).
 */
record RetryModel(
    AnnotationMirror annotation,
    int attempts,
    @Nullable AnnotationValue attemptsValue,
    String backoff,
    @Nullable AnnotationValue backoffValue,
    double multiplier,
    @Nullable AnnotationValue multiplierValue,
    String maxBackoff,
    @Nullable AnnotationValue maxBackoffValue,
    double jitter,
    @Nullable AnnotationValue jitterValue,
    List<ExceptionClass> retryOn,
    List<ExceptionClass> noRetryOn) {

  /** A class named in {@code retryOn} or {@code noRetryOn}, and the annotation value naming it. */
  record ExceptionClass(TypeElement type, AnnotationValue value) {
    String simpleName() {
      return type.getSimpleName().toString();
    }
  }
}
