package dev.stepgraph.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** How the messages name a method. */
final class Signatures {
  private Signatures() {}

  /** {@code name(SimpleParameterTypes)}, as in the messages. */
  static String of(ExecutableElement method) {
    StringBuilder out = new StringBuilder(method.getSimpleName()).append('(');
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(simpleName(parameters.get(i).asType()));
    }
    return out.append(')').toString();
  }

  private static String simpleName(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) type).asElement().getSimpleName().toString();
    }
    return type.toString();
  }
}
