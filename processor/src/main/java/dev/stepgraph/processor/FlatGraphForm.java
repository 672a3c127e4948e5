package dev.stepgraph.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * The form of a small graph: {@code build()} registers every step itself, one {@code
 * graph.step(...)} statement per step in wave order, each body a lambda ({@code ctx ->
 * connector.get().users(ctx)}). Statements rather than one long fluent chain, because javac
 * attributes a chain as one ever deeper expression.
 */
final class FlatGraphForm {
  private FlatGraphForm() {}

  /** Adds the steps to {@code build}, after its {@code graph} builder and before {@code graph.build()}. */
  static void addSteps(ConnectorModel connector, List<List<Integer>> waves, MethodSpec.Builder build) {
    for (int w = 0; w < waves.size(); w++) {
      build.addCode("// $L\n", StepRegistration.waveLine(connector, waves, w));
      for (int index : waves.get(w)) {
        StepModel step = connector.steps().get(index);
        CodeBlock body = CodeBlock.of("ctx -> connector.get().$N(ctx)", step.methodName());
        build.addStatement("graph.step($L)", StepRegistration.arguments(connector, step, w, body));
      }
    }
  }
}
