package dev.stepgraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The types a step method's body names as constants, read from javac's syntax tree: the first
 * argument of {@code Entity.of}, {@code new Entity}, {@code Relationship.of} and {@code new
 * Relationship}, and the argument of {@code entitiesByType} and {@code relationshipsByType} called
 * on the step's prior data ({@code ctx.prior()}, or a local variable of type {@code PriorData});
 * and the configuration keys it reads, the first argument of {@code require}, {@code get}, {@code
 * getInt}, {@code getLong} and {@code getBoolean} called on {@code ctx.config()} (or a local
 * variable of type {@code Config}).
 *
 * <p>Processors run before javac attributes method bodies, so names are resolved here by the
 * rules of Java, as far as a processor sees them: {@code Entity} is the runtime's when the file
 * imports it (or the whole package) and the connector declares no type of that name; a constant
 * is a string literal, a {@code +} of constants, a {@code final String} local initialized with
 * one, or a field whose value javac knows as a constant (of the connector, a class enclosing it,
 * a statically imported class, or a class the code names, as in {@code Types.HOST}). What this
 * cannot resolve (a variable, a helper method, code in a local or anonymous class) is left out:
 * the runtime checks it.
 */
final class StepBodyTypes {
  private final MemberLookup lookup;
  private final Map<CompilationUnitTree, FileImports> imports = new HashMap<>();

  StepBodyTypes(Elements elements) {
    this.lookup = new MemberLookup(elements);
  }

  /**
   * What a step's body names as constants.
   *
   * @param types the entity and relationship types it creates or asks its prior data for
   * @param configKeys the configuration keys it reads
   */
  record Found(List<StepModel.TypeInBody> types, List<StepModel.ConfigInBody> configKeys) {
    static final Found NOTHING = new Found(List.of(), List.of());
  }

  /** What {@code method}, a step of {@code connector} in {@code unit}, names as constants. */
  Found read(MethodTree method, CompilationUnitTree unit, TypeElement connector) {
    if (method.getBody() == null || method.getParameters().size() != 1) {
      return Found.NOTHING;
    }
    FileImports fileImports = imports.computeIfAbsent(unit, FileImports::of);
    return StepBodyScanner.read(lookup, method, unit, connector, fileImports);
  }
}
