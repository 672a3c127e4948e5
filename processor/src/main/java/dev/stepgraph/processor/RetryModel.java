package dev.stepgraph.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @Retry} as written: each value with defaults applied, and the annotation value for the
 * caret when it is written explicitly (null when left at its default: report on the annotation).
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
    @Nullable AnnotationValue jitterValue) {}
