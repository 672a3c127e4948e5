package dev.stepgraph.processor;

import javax.lang.model.element.Modifier;

/**
 * {@code @Step} methods outside the connector class itself, which no graph runs: the generated
 * graph creates the class that declares {@code @Step} methods and calls those methods only.
 *
 * <ul>
 *   <li>Those of an abstract class (it cannot be created, and subclasses do not inherit steps): an
 *       error on each one's {@code @Step}. An abstract class is no connector, so it gets no other
 *       check.
 *   <li>Those a connector inherits from a superclass compiled earlier (a class file, where no
 *       caret can point): an error on the connector if that class is abstract; a warning if it is
 *       a connector of its own, whose graph does run them.
 * </ul>
 */
final class InheritedStepCheck implements ConnectorCheck {
  private static final String WHY =
      "the generated graph runs only the @Step methods declared in the connector class itself, not inherited ones";

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    if (connector.isAbstractClass()) {
      String simpleName = connector.type().getSimpleName().toString();
      for (StepModel step : connector.steps()) {
        reporter.error(
            name(step.id(), step.signature()) + " is declared in abstract class " + connector.qualifiedName()
                + ", so it is not a step: the generated graph creates the connector class and runs only the @Step"
                + " methods declared in it, not inherited ones; move " + step.signature()
                + " to the connector class that extends " + simpleName + ", or override it there with @Step(id = \""
                + idForFix(step.id(), step.methodName()) + "\") and remove @Step here",
            step.method(), step.annotation(), null);
      }
      return;
    }
    String simpleName = connector.type().getSimpleName().toString();
    for (ConnectorModel.InheritedStep inherited : connector.inheritedSteps()) {
      if (inherited.reportedWhereDeclared()) {
        continue;
      }
      String fix = "override " + inherited.signature() + " in " + simpleName + " with @Step(id = \""
          + idForFix(inherited.id(), inherited.method().getSimpleName().toString()) + "\")";
      String step = name(inherited.id(), inherited.signature());
      if (inherited.declaringClass().getModifiers().contains(Modifier.ABSTRACT)) {
        reporter.error(
            "connector " + connector.qualifiedName() + " inherits " + step + " from abstract class "
                + inherited.declaringClass().getQualifiedName() + ", but it is not a step of " + simpleName + ": "
                + WHY + "; " + fix,
            connector.type(), connector.annotation(), null);
      } else {
        reporter.warning(
            "connector " + connector.qualifiedName() + " inherits " + step + " from connector "
                + inherited.declaringClass().getQualifiedName() + ", whose own graph runs it, but it is not a step"
                + " of " + simpleName + ": " + WHY + "; to run it here too, " + fix,
            connector.type(), connector.annotation(), null);
      }
    }
  }

  /** {@code step 'users'}, or the method when the id is empty. */
  private static String name(String id, String signature) {
    return id.isEmpty() ? "@Step method " + signature : "step '" + id + "'";
  }

  private static String idForFix(String id, String methodName) {
    if (!id.isEmpty()) {
      return id;
    }
    return Ids.stepIdFor(methodName);
  }
}
