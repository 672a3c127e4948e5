package dev.stepgraph.processor;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The shape of each step method: what {@code connector::method} as a {@code StepBody} needs.
 */
final class StepMethodCheck implements ConnectorCheck {
  private static final String STEP_CONTEXT = GeneratedTypes.STEP_CONTEXT.canonicalName();

  private final AllowedThrows stepThrows;

  /** @param stepThrows what a step method may throw: any exception */
  StepMethodCheck(AllowedThrows stepThrows) {
    this.stepThrows = stepThrows;
  }

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    for (StepModel step : connector.steps()) {
      check(step, reporter);
    }
  }

  private void check(StepModel step, Reporter reporter) {
    ExecutableElement method = step.method();
    String prefix = "step '" + step.id() + "': method " + step.signature();
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(
          prefix + " is private, but the generated graph calls it: make it package-private, protected or public",
          method, step.annotation(), null);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(
          prefix + " is static, but steps run on a connector instance: remove static",
          method, step.annotation(), null);
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(
          prefix + " is generic: remove its type parameters <"
              + method.getTypeParameters().stream().map(p -> p.getSimpleName().toString()).collect(Collectors.joining(", "))
              + ">",
          method, step.annotation(), null);
    }
    List<? extends VariableElement> parameters = method.getParameters();
    // A parameter type javac could not resolve is reported by javac itself.
    boolean oneParameter = parameters.size() == 1;
    if (!oneParameter
        || !isStepContext(parameters.get(0).asType()) && parameters.get(0).asType().getKind() != TypeKind.ERROR) {
      reporter.error(
          prefix + " must take exactly one parameter of type " + STEP_CONTEXT + ": declare it as "
              + method.getSimpleName() + "(StepContext ctx)",
          method, step.annotation(), null);
    }
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() != TypeKind.VOID && returnType.getKind() != TypeKind.ERROR) {
      reporter.error(
          prefix + " returns " + returnType + ", but a step returns void and emits its results with ctx.emit(...):"
              + " change the return type to void",
          method, step.annotation(), null);
    }
    for (TypeMirror thrown : stepThrows.disallowed(method)) {
      reporter.error(
          prefix + " throws " + thrown + ", but a step may only throw Exception and its subtypes:"
              + " declare throws Exception (or a subtype) instead",
          method, step.annotation(), null);
    }
  }

  private static boolean isStepContext(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName().contentEquals(STEP_CONTEXT);
  }
}
