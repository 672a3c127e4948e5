package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Reads annotations and their values off the model javac gives processors. A value javac could
 * not resolve (it reports that itself) reads as the fallback, or is left out of an array.
 */
final class AnnotationValues {
  private AnnotationValues() {}

  /** The annotation of this qualified name on {@code element}, or null. */
  static @Nullable AnnotationMirror annotation(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** The value written for {@code name}, or null where the default applies (it has no position). */
  static @Nullable AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Every value by its element's name, the defaults from {@link Elements#getElementValuesWithDefaults} included. */
  static Map<String, AnnotationValue> withDefaults(Elements elements, AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new HashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
    }
    return values;
  }

  /**
   * The entries of an array value, each with its own annotation value (so the caret points at it),
   * or the value itself when written without braces; nothing for no value.
   */
  static List<AnnotationValue> entries(@Nullable AnnotationValue array) {
    if (array == null) {
      return List.of();
    }
    if (!(array.getValue() instanceof List<?> list)) {
      return List.of(array);
    }
    List<AnnotationValue> entries = new ArrayList<>(list.size());
    for (Object entry : list) {
      if (entry instanceof AnnotationValue entryValue) {
        entries.add(entryValue);
      }
    }
    return entries;
  }

  /**
   * Each string of a {@code String[]} value with its own annotation value, as {@link #entries};
   * nothing for an entry javac could not make a string.
   */
  static void strings(@Nullable AnnotationValue array, BiConsumer<String, AnnotationValue> each) {
    for (AnnotationValue entry : entries(array)) {
      if (entry.getValue() instanceof String string) {
        each.accept(string, entry);
      }
    }
  }

  /** The string, or {@code otherwise} if there is no value or javac could not make it a string. */
  static String stringOf(@Nullable AnnotationValue value, String otherwise) {
    return value != null && value.getValue() instanceof String s ? s : otherwise;
  }

  /** The constant's name, or empty if javac could not resolve it. */
  static String enumConstant(AnnotationValue value) {
    return value.getValue() instanceof VariableElement constant ? constant.getSimpleName().toString() : "";
  }

  static int intOf(@Nullable AnnotationValue value, int otherwise) {
    return value != null && value.getValue() instanceof Integer i ? i : otherwise;
  }

  static double doubleOf(@Nullable AnnotationValue value, double otherwise) {
    return value != null && value.getValue() instanceof Number number ? number.doubleValue() : otherwise;
  }

  static boolean booleanOf(@Nullable AnnotationValue value) {
    return value != null && value.getValue() instanceof Boolean b && b;
  }
}
