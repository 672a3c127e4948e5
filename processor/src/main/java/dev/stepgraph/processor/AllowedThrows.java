package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which exceptions a method may declare for the generated code that calls it: subtypes of one
 * class, and errors. A constructor that {@code create()} calls may throw only unchecked ones; a
 * step method, which {@code StepBody.run} calls, any {@code Exception}.
 */
final class AllowedThrows {
  private final Types types;
  private final TypeMirror allowed;
  private final TypeMirror error;

  private AllowedThrows(Types types, Elements elements, String allowed) {
    this.types = types;
    this.allowed = elements.getTypeElement(allowed).asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
  }

  /** {@code RuntimeException} and {@code Error}: what a method without {@code throws} may throw. */
  static AllowedThrows unchecked(Types types, Elements elements) {
    return new AllowedThrows(types, elements, "java.lang.RuntimeException");
  }

  /** {@code Exception} and {@code Error}. */
  static AllowedThrows exceptions(Types types, Elements elements) {
    return new AllowedThrows(types, elements, "java.lang.Exception");
  }

  /**
   * The types in the {@code throws} clause of {@code method} that are not allowed, in order. A type
   * javac could not resolve is not listed: javac reports it itself.
   */
  List<TypeMirror> disallowed(ExecutableElement method) {
    List<TypeMirror> disallowed = new ArrayList<>();
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (thrown.getKind() == TypeKind.DECLARED
          && !types.isSubtype(thrown, allowed)
          && !types.isSubtype(thrown, error)) {
        disallowed.add(thrown);
      }
    }
    return disallowed;
  }
}
