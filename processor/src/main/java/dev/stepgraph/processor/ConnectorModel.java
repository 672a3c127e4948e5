package dev.stepgraph.processor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * A connector as read from the source: its class, id, description and steps in declaration order.
 *
 * @param type the connector class (or, for a misplaced {@code @Step}, the interface, enum or record)
 * @param annotation its {@code @Connector}, if present
 * @param idValue the explicit {@code @Connector(id)} value, if given
 * @param id the connector id, explicit or derived from the class name
 * @param description {@code @Connector(description)} or the first sentence of the class Javadoc
 * @param steps the {@code @Step} methods in declaration order
 * @param onDependencyFailure {@code @Connector(onDependencyFailure)} as written ({@code RUN} when
 *     absent); empty if javac could not resolve it
 * @param onDependencyFailureValue its annotation value, if written explicitly
 * @param retriesWithoutStep methods with {@code @Retry} but no {@code @Step}
 * @param inheritedSteps {@code @Step} methods of superclasses that no {@code @Step} method of the
 *     class or a superclass below theirs overrides: not steps of this connector
 * @param schedule {@code @Connector(schedule)} as written ({@code WAVES} when absent); empty if
 *     javac could not resolve it
 * @param configKeys the class's {@code @ConfigKey} declarations, in declaration order, duplicates
 *     included; empty if it declares none
 */
record ConnectorModel(
    TypeElement type,
    @Nullable AnnotationMirror annotation,
    @Nullable AnnotationValue idValue,
    String id,
    String description,
    List<StepModel> steps,
    String onDependencyFailure,
    @Nullable AnnotationValue onDependencyFailureValue,
    List<RetryWithoutStep> retriesWithoutStep,
    List<InheritedStep> inheritedSteps,
    String schedule,
    List<ConfigKeyModel> configKeys) {

  ConnectorModel {
    steps = List.copyOf(steps);
    configKeys = List.copyOf(configKeys);
    retriesWithoutStep = List.copyOf(retriesWithoutStep);
    inheritedSteps = List.copyOf(inheritedSteps);
  }

  /**
   * A {@code @Retry} on a method without {@code @Step}.
   *
   * @param method the method
   * @param annotation its {@code @Retry}
   * @param signature the method for messages
   */
  record RetryWithoutStep(ExecutableElement method, AnnotationMirror annotation, String signature) {}

  /**
   * A {@code @Step} method the connector inherits: the graph holds only the class's own.
   *
   * @param method the method, declared in {@code declaringClass}
   * @param id its {@code @Step(id)}
   * @param signature the method for messages
   * @param declaringClass the superclass that declares it
   * @param reportedWhereDeclared whether {@code declaringClass} is an abstract class compiled now,
   *     which is reported on the method's own {@code @Step}
   */
  record InheritedStep(
      ExecutableElement method, String id, String signature, TypeElement declaringClass,
      boolean reportedWhereDeclared) {}

  /** Whether the steps start as soon as their dependencies finish ({@code Schedule.EAGER}). */
  boolean eager() {
    return schedule.equals("EAGER");
  }

  /** The declared configuration keys, each once, in declaration order. */
  Set<String> configKeyNames() {
    Set<String> names = new LinkedHashSet<>();
    for (ConfigKeyModel key : configKeys) {
      names.add(key.name());
    }
    return names;
  }

  /** Whether this is an abstract class, which cannot be a connector. */
  boolean isAbstractClass() {
    return type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT);
  }

  /** The class name for messages, e.g. {@code com.acme.AwsConnector}. */
  String qualifiedName() {
    return type.getQualifiedName().toString();
  }

  /** The dependency graph of the steps, step {@code i} being {@code steps().get(i)}. */
  DependencyGraph dependencyGraph() {
    return DependencyGraph.of(
        steps.stream().map(StepModel::id).toList(),
        steps.stream().map(s -> s.dependsOn().stream().map(StepModel.Dependency::id).toList()).toList());
  }
}
