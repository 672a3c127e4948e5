package dev.stepgraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * @param emits the {@code emits} entries as written, duplicates included; empty if undeclared
 * @param reads the {@code reads} entries as written, duplicates included; empty if undeclared
 * @param typesInBody the types the method's body names as constants where it creates entities and
 *     relationships or asks its prior data for them; empty unless the step declares emits or
 *     reads and javac's tree API is there
 * @param configInBody the configuration keys the method's body reads as constants through {@code
 *     ctx.config()}; empty unless the connector declares keys and javac's tree API is there
 * @param source the method's syntax tree in its file, for its fingerprint; null where javac's tree
 *     API is unavailable
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
    @Nullable RetryModel retry,
    List<DataType> emits,
    List<DataType> reads,
    List<TypeInBody> typesInBody,
    List<ConfigInBody> configInBody,
    @Nullable MethodSource source) {

  StepModel {
    configInBody = List.copyOf(configInBody);
    dependsOn = List.copyOf(dependsOn);
    emits = List.copyOf(emits);
    reads = List.copyOf(reads);
    typesInBody = List.copyOf(typesInBody);
  }

  /** Whether the step declares what it emits or what it reads. */
  boolean declaresContract() {
    return !emits.isEmpty() || !reads.isEmpty();
  }

  /** The emitted types, each once, in declaration order. */
  Set<String> emitted() {
    return names(emits);
  }

  /** The read types, each once, in declaration order. */
  Set<String> read() {
    return names(reads);
  }

  private static Set<String> names(List<DataType> types) {
    Set<String> names = new LinkedHashSet<>();
    for (DataType type : types) {
      names.add(type.name());
    }
    return names;
  }

  /** The Java method name, for the method reference. */
  String methodName() {
    return method.getSimpleName().toString();
  }

  /**
   * Where a step method is in the source.
   *
   * @param tree the method's syntax tree
   * @param unit its file
   */
  record MethodSource(MethodTree tree, CompilationUnitTree unit) {}

  /**
   * One entry of {@code dependsOn}.
   *
   * @param id the step id it names
   * @param value the array element's annotation value, so the caret points at this string
   */
  record Dependency(String id, AnnotationValue value) {}

  /**
   * One entry of {@code emits} or {@code reads}.
   *
   * @param name the type as written
   * @param value the array element's annotation value, so the caret points at this string
   */
  record DataType(String name, AnnotationValue value) {}

  /**
   * A type that the step's body names as a constant: {@code Entity.of("host", key)} or {@code
   * ctx.prior().entitiesByType("user")}.
   *
   * @param use what the body does with it
   * @param type the constant's value
   * @param argument the argument that names it, for the caret
   * @param unit the file of {@code argument}
   */
  record TypeInBody(Use use, String type, Tree argument, CompilationUnitTree unit) {}

  /**
   * A configuration key that the step's body reads by a constant: {@code
   * ctx.config().require("api.token")}.
   *
   * @param key the constant's value
   * @param method the {@code Config} method: {@code require}, {@code get}, {@code getInt}, ...
   * @param argument the argument that names it, for the caret
   * @param unit the file of {@code argument}
   */
  record ConfigInBody(String key, String method, Tree argument, CompilationUnitTree unit) {}

  /** What a step's body does with a type it names. */
  enum Use {
    /** {@code Entity.of(type, ...)}, {@code new Entity(type, ...)}. */
    CREATES_ENTITY,
    /** {@code Relationship.of(type, ...)}, {@code new Relationship(type, ...)}. */
    CREATES_RELATIONSHIP,
    /** {@code prior.entitiesByType(type)}. */
    READS_ENTITIES,
    /** {@code prior.relationshipsByType(type)}. */
    READS_RELATIONSHIPS;

    boolean emits() {
      return this == CREATES_ENTITY || this == CREATES_RELATIONSHIP;
    }
  }
}
