package dev.stepgraph.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @Step} method.
 *
 * @param method the method
 * @param annotation its {@code @Step}
 * @param id the step id as written
 * @param idValue the {@code id} annotation value (for the caret), if javac has one
 * @param description {@code @Step(description)} or the first sentence of the method's Javadoc
 * @param dependsOn the {@code dependsOn} entries as written, duplicates included
 * @param signature the method for messages, e.g. {@code listUsers(StepContext)}
 * @param timeout {@code @Step(timeout)} as written; empty for none
 * @param timeoutValue its annotation value, if written explicitly
 * @param onDependencyFailure the {@code OnDependencyFailure} constant name as written ({@code
 *     INHERIT} by default); empty if javac could not resolve it
 * @param onDependencyFailureValue its annotation value, if written explicitly
 * @param retry the method's {@code @Retry}, if any
 */
record StepModel(
    ExecutableElement method,
    AnnotationMirror annotation,
    String id,
    @Nullable AnnotationValue idValue,
    String description,
    List<Dependency> dependsOn,
    String signature,
    String timeout,
    @Nullable AnnotationValue timeoutValue,
    String onDependencyFailure,
    @Nullable AnnotationValue onDependencyFailureValue,
    @Nullable RetryModel retry) {

  StepModel {
    dependsOn = List.copyOf(dependsOn);
  }

  /** The Java method name, for the method reference. */
  String methodName() {
    return method.getSimpleName().toString();
  }

  /**
   * One entry of {@code dependsOn}.
   *
   * @param id the step id it names
   * @param value the array element's annotation value, so the caret points at this string
   */
  record Dependency(String id, AnnotationValue value) {}
}
