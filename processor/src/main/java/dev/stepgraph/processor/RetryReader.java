package dev.stepgraph.processor;

import static dev.stepgraph.processor.AnnotationValues.doubleOf;
import static dev.stepgraph.processor.AnnotationValues.explicitValue;
import static dev.stepgraph.processor.AnnotationValues.intOf;
import static dev.stepgraph.processor.AnnotationValues.stringOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/** Turns a {@code @Retry} into a {@link RetryModel}. Reads; checks nothing. */
final class RetryReader {
  private final Elements elements;

  RetryReader(Elements elements) {
    this.elements = elements;
  }

  /** Values with defaults from {@link Elements#getElementValuesWithDefaults}; positions only where written. */
  RetryModel read(AnnotationMirror retry) {
    Map<String, AnnotationValue> values = AnnotationValues.withDefaults(elements, retry);
    return new RetryModel(
        retry,
        intOf(values.get("attempts"), 3),
        explicitValue(retry, "attempts"),
        stringOf(values.get("backoff"), "1s"),
        explicitValue(retry, "backoff"),
        doubleOf(values.get("multiplier"), 2.0),
        explicitValue(retry, "multiplier"),
        stringOf(values.get("maxBackoff"), "1m"),
        explicitValue(retry, "maxBackoff"),
        doubleOf(values.get("jitter"), 0.2),
        explicitValue(retry, "jitter"),
        classes(explicitValue(retry, "retryOn")),
        classes(explicitValue(retry, "noRetryOn")));
  }

  /**
   * The classes of a {@code Class<?>[]} annotation value, each with its own annotation value, or
   * the value itself when written without braces; a class javac could not resolve is left out.
   */
  private static List<RetryModel.ExceptionClass> classes(@Nullable AnnotationValue array) {
    List<RetryModel.ExceptionClass> classes = new ArrayList<>();
    for (AnnotationValue value : AnnotationValues.entries(array)) {
      if (value.getValue() instanceof DeclaredType type && type.getKind() == TypeKind.DECLARED
          && type.asElement() instanceof TypeElement element) {
        classes.add(new RetryModel.ExceptionClass(element, value));
      }
    }
    return List.copyOf(classes);
  }
}
