package dev.stepgraph.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What both forms of the generated graph ({@link FlatGraphForm}, {@link ChunkedGraphForm}) write
 * for a step: the arguments of its {@code graph.step(...)} statement, its {@code
 * graph.fingerprint(...)} statement, and the comment line that heads each wave (the class Javadoc
 * lists the same lines).
 */
final class StepRegistration {
  /** Wave lines list at most this many ids. */
  static final int MAX_LISTED_IDS = 50;

  private StepRegistration() {}

  /** The generated graph class's method that makes a data contract from its description. */
  static final String CONTRACT_METHOD = "contract";

  /** The comment above the {@code graph.fingerprint(...)} statements. */
  private static final String FINGERPRINTS_COMMENT =
      "// Fingerprints, over each step's declaration, source (formatting and comments aside) and\n"
          + "// upstream steps: a run store reuses a recorded result only while it is unchanged.\n";

  /**
   * {@code "users", "Collects users", List.<String>of("roles"), 1, body}, with the step's policy
   * before the body when it is not the default, and its data contract after the policy ({@code
   * StepPolicy.DEFAULT} if need be) when it declares one: {@code contract("reads host; emits
   * service")}, in the words of the runtime's {@code DataContract.describe()}. One string literal
   * per step, because javac compiles it in about a fifth of the time of {@code
   * DataContract.of(Set.of("service"), Set.of("host"))} (on 1,000 steps, 0.07 s against 0.3 s
   * more than a graph without contracts), and it keeps the declaration order, which {@code Set.of}
   * changes from one JVM to the next.
   *
   * <p>{@code List.<String>of(...)} has an explicit type argument, which spares javac inferring it
   * against every {@code List.of} overload for each of thousands of steps (about a quarter of the
   * compile time of a 10,000-step graph).
   */
  static CodeBlock arguments(StepModel step, ResolvedPolicy policy, int wave, CodeBlock body) {
    CodeBlock.Builder dependencies = CodeBlock.builder().add("$T.<$T>of(", GeneratedTypes.LIST, String.class);
    String separator = "$S";
    for (String id : dependencyIds(step)) {
      dependencies.add(separator, id);
      separator = ", $S";
    }
    dependencies.add(")");
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

  /** The ids of the steps that {@code step} depends on, each once, in the order declared. */
  static Set<String> dependencyIds(StepModel step) {
    Set<String> unique = new LinkedHashSet<>();
    for (StepModel.Dependency dependency : step.dependsOn()) {
      unique.add(dependency.id());
    }
    return unique;
  }

  /** {@code contract("reads host; emits service")}. */
  private static CodeBlock contract(StepModel step) {
    return CodeBlock.of("$N($S)", CONTRACT_METHOD, contractDescription(step));
  }

  /**
   * {@code reads host; emits service}: what the runtime's {@code DataContract.describe()} says for
   * the step's contract, each type once, in declaration order. The generated {@code contract}
   * method reads it back, and the class Javadoc lists it.
   */
  static String contractDescription(StepModel step) {
    StringBuilder text = new StringBuilder();
    if (!step.reads().isEmpty()) {
      text.append("reads ").append(String.join(", ", step.read()));
    }
    if (!step.emits().isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("emits ").append(String.join(", ", step.emitted()));
    }
    return text.toString();
  }

  /**
   * {@code graph.fingerprint("users", "9c1e...")} for each of the steps, in the order given, under
   * a comment that says what they are for.
   *
   * @param steps step indices
   * @param fingerprints the fingerprint of each step of the connector, in step order ({@link
   *     CombinedFingerprints})
   */
  static CodeBlock fingerprints(ConnectorModel connector, List<Integer> steps, List<String> fingerprints) {
    CodeBlock.Builder code = CodeBlock.builder().add(FINGERPRINTS_COMMENT);
    for (int index : steps) {
      code.addStatement("graph.fingerprint($S, $S)", connector.steps().get(index).id(), fingerprints.get(index));
    }
    return code.build();
  }

  /**
   * How much a step adds to a method: the step and each of its dependencies, about 30 bytes of
   * bytecode and 12 constants each; a data contract (one string constant and a call), counted alike.
   * The step's fingerprint (11 bytes and 2 constants) is counted in the step's own weight.
   */
  static int weight(StepModel step) {
    return 1 + step.dependsOn().size() + (step.declaresContract() ? 1 : 0);
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
