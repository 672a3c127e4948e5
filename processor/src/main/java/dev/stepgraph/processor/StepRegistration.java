package dev.stepgraph.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What both forms of the generated graph ({@link FlatGraphForm}, {@link ChunkedGraphForm}) write
 * for a step: the arguments of its {@code graph.step(...)} statement, and the comment line that
 * heads each wave (the class Javadoc lists the same lines).
 */
final class StepRegistration {
  /** Wave lines list at most this many ids. */
  static final int MAX_LISTED_IDS = 50;

  private StepRegistration() {}

  /** The generated graph class's method that makes a contract's set of types, in declaration order. */
  static final String TYPES_METHOD = "types";

  /**
   * {@code "users", "Collects users", List.<String>of("roles"), 1, body}, with the step's policy
   * before the body when it is not the default, and its data contract after the policy ({@code
   * StepPolicy.DEFAULT} if need be) when it declares one: {@code DataContract.of(types("service"),
   * types("host"))}, emits first. {@code types(...)} rather than {@code Set.of(...)}, whose order
   * changes from one JVM to the next: the runtime keeps and shows the types in declaration order.
   *
   * <p>{@code List.<String>of(...)} has an explicit type argument, which spares javac inferring it
   * against every {@code List.of} overload for each of thousands of steps (about a quarter of the
   * compile time of a 10,000-step graph).
   */
  static CodeBlock arguments(ConnectorModel connector, StepModel step, int wave, CodeBlock body) {
    CodeBlock.Builder dependencies = CodeBlock.builder().add("$T.<$T>of(", GeneratedTypes.LIST, String.class);
    Set<String> unique = new LinkedHashSet<>();
    for (StepModel.Dependency dependency : step.dependsOn()) {
      unique.add(dependency.id());
    }
    String separator = "$S";
    for (String id : unique) {
      dependencies.add(separator, id);
      separator = ", $S";
    }
    dependencies.add(")");
    ResolvedPolicy policy = ResolvedPolicy.of(connector, step);
    if (step.declaresContract()) {
      return CodeBlock.of("$S,$W$S,$W$L,$W$L,\n$L,\n$L,\n$L",
          step.id(), step.description(), dependencies.build(), wave, policy.javaExpression(), contract(step), body);
    }
    if (policy.isDefault()) {
      return CodeBlock.of("$S,$W$S,$W$L,$W$L,$W$L",
          step.id(), step.description(), dependencies.build(), wave, body);
    }
    return CodeBlock.of("$S,$W$S,$W$L,$W$L,\n$L,\n$L",
        step.id(), step.description(), dependencies.build(), wave, policy.javaExpression(), body);
  }

  /** {@code DataContract.of(types("service"), types("host"))}. */
  private static CodeBlock contract(StepModel step) {
    return CodeBlock.of("$T.of($L,$W$L)", GeneratedTypes.DATA_CONTRACT, types(step.emitted()), types(step.read()));
  }

  private static CodeBlock types(Set<String> types) {
    CodeBlock.Builder out = CodeBlock.builder().add("$N(", TYPES_METHOD);
    String separator = "$S";
    for (String type : types) {
      out.add(separator, type);
      separator = ", $S";
    }
    return out.add(")").build();
  }

  /**
   * How much a step adds to a method: the step and each of its dependencies, about 30 bytes of
   * bytecode and 12 constants each; a data contract and each of its types, fewer, counted alike.
   */
  static int weight(StepModel step) {
    int contract = step.declaresContract() ? 1 + step.emits().size() + step.reads().size() : 0;
    return 1 + step.dependsOn().size() + contract;
  }

  /** The weight of all steps of the connector. */
  static int weight(ConnectorModel connector) {
    int weight = 0;
    for (StepModel step : connector.steps()) {
      weight += weight(step);
    }
    return weight;
  }

  /** {@code Wave 0 (parallel): users, roles, hosts}. */
  static String waveLine(ConnectorModel connector, List<List<Integer>> waves, int wave) {
    List<Integer> steps = waves.get(wave);
    StringBuilder line = new StringBuilder("Wave ").append(wave)
        .append(steps.size() > 1 ? " (parallel): " : " (sequential): ");
    int shown = Math.min(steps.size(), MAX_LISTED_IDS);
    for (int i = 0; i < shown; i++) {
      line.append(i == 0 ? "" : ", ").append(connector.steps().get(steps.get(i)).id());
    }
    if (steps.size() > shown) {
      line.append(", and ").append(steps.size() - shown).append(" more");
    }
    return line.toString();
  }
}
