package dev.stepgraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
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
  /**
   * Diagnostics printed per compilation. javac finds the position of each by scanning the whole
   * file, so thousands of them on a huge connector would be quadratic; javac shows only 100 errors
   * by default anyway.
   */
  static final int MAX_PRINTED = 500;

  private final Messager messager;
  private final int maxPrinted;
  private int errorCount;
  private int printed;
  private int leftOutErrors;
  private int leftOutOthers;

  Reporter(Messager messager) {
    this(messager, MAX_PRINTED);
  }

  Reporter(Messager messager, int maxPrinted) {
    this.messager = messager;
    this.maxPrinted = maxPrinted;
  }

  void error(String message, Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {
    errorCount++;
    print(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  /** An error on a syntax tree, for what javac does not model as an element (local classes). */
  void error(String message, Trees trees, Tree tree, CompilationUnitTree unit) {
    errorCount++;
    if (admit(Diagnostic.Kind.ERROR)) {
      trees.printMessage(Diagnostic.Kind.ERROR, message, tree, unit);
    }
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

  /** A note on no element: the processor's own, such as its timings. */
  void note(String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message);
  }

  /** Errors reported so far; compare before and after a connector to know if it has any. */
  int errorCount() {
    return errorCount;
  }

  /** Reports, once, how many diagnostics were left out since the last call. */
  void reportLeftOut() {
    if (leftOutErrors + leftOutOthers == 0) {
      return;
    }
    messager.printMessage(
        leftOutErrors > 0 ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING,
        "Stepgraph left out " + (leftOutErrors + leftOutOthers) + " more diagnostics (" + leftOutErrors
            + " errors) after the first " + maxPrinted + ": fix those and compile again");
    leftOutErrors = 0;
    leftOutOthers = 0;
  }

  private void print(
      Diagnostic.Kind kind, String message, Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {
    if (!admit(kind)) {
      return;
    }
    if (annotation == null) {
      messager.printMessage(kind, message, element);
    } else if (value == null) {
      messager.printMessage(kind, message, element, annotation);
    } else {
      messager.printMessage(kind, message, element, annotation, value);
    }
  }

  /** Whether a diagnostic of this kind is still printed; counts it as left out if not. */
  private boolean admit(Diagnostic.Kind kind) {
    if (printed >= maxPrinted) {
      if (kind == Diagnostic.Kind.ERROR) {
        leftOutErrors++;
      } else {
        leftOutOthers++;
      }
      return false;
    }
    printed++;
    return true;
  }
}
