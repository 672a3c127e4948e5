package dev.stepgraph.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * The form of a small graph: {@code build()} registers every step itself, one {@code
 * graph.step(...)} statement per step in wave order, each body a lambda ({@code ctx ->
 * connector.get().users(ctx)}), then one {@code graph.fingerprint(...)} per step in the same order.
 * Statements rather than one long fluent chain, because javac attributes a chain as one ever
 * deeper expression.
 */
final class FlatGraphForm {
  private FlatGraphForm() {}

  /**
   * Adds the steps and their fingerprints to {@code build}, after its {@code graph} builder and
   * before {@code graph.build()}.
   *
   * @param policies the policy of each step, in step order
   * @param fingerprints the fingerprint of each step, in step order
   */
  static void addSteps(ConnectorModel connector, List<ResolvedPolicy> policies, List<List<Integer>> waves,
      List<String> fingerprints, MethodSpec.Builder build) {
    for (int w = 0; w < waves.size(); w++) {
      build.addCode("// $L\n", StepRegistration.waveLine(connector, waves, w));
      for (int index : waves.get(w)) {
        StepModel step = connector.steps().get(index);
        CodeBlock body = CodeBlock.of("ctx -> connector.get().$N(ctx)", step.methodName());
        build.addStatement("graph.step($L)", StepRegistration.arguments(step, policies.get(index), w, body));
      }
    }
    build.addCode(StepRegistration.fingerprints(connector, waves.stream().flatMap(List::stream).toList(), fingerprints));
  }
}
