package dev.stepgraph.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The one place diagnostics go through: on the element and, when known, on the annotation and the
 * exact annotation value, so the caret points at the offending id. Counts errors so callers can
 * tell whether a connector is valid.
 */
final class Reporter {
  private final Messager messager;
  private int errorCount;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(String message, Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {
    errorCount++;
    print(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  void error(String message, Element element) {
    error(message, element, null, null);
  }

  void warning(String message, Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {
    print(Diagnostic.Kind.WARNING, message, element, annotation, value);
  }

  void note(String message, Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {
    print(Diagnostic.Kind.NOTE, message, element, annotation, value);
  }

  /** Errors reported so far; compare before and after a connector to know if it has any. */
  int errorCount() {
    return errorCount;
  }

  private void print(
      Diagnostic.Kind kind, String message, Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {
    if (annotation == null) {
      messager.printMessage(kind, message, element);
    } else if (value == null) {
      messager.printMessage(kind, message, element, annotation);
    } else {
      messager.printMessage(kind, message, element, annotation, value);
    }
  }
}
