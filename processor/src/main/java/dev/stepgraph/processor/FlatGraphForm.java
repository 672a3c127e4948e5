package dev.stepgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;

/**
 * The form of a small graph: {@code build()} registers every step itself, one {@code
 * graph.step(...)} statement per step in wave order, then one {@code graph.fingerprint(...)} per
 * step in the same order. Statements rather than one long fluent chain, because javac attributes a
 * chain as one ever deeper expression.
 *
 * <p>The bodies are one nested {@code Steps} class: the {@code n}th step registered gets {@code new
 * Steps(connector, n)}, whose {@code run} is {@code case n -> instance.users(ctx);} of one {@code
 * switch}, rather than a lambda per step ({@link NoIndyForms}).
 */
final class FlatGraphForm {
  private FlatGraphForm() {}

  /**
   * Adds the steps and their fingerprints to {@code build}, after its {@code graph} builder and
   * before {@code graph.build()}, and returns the {@code Steps} class to nest in the graph class.
   *
   * @param policies the policy of each step, in step order
   * @param fingerprints the fingerprint of each step, in step order
   */
  static TypeSpec addSteps(ConnectorModel connector, List<ResolvedPolicy> policies, List<List<Integer>> waves,
      List<String> fingerprints, MethodSpec.Builder build) {
    ClassName connectorClass = ClassName.get(connector.type());
    ClassName steps = GeneratedTypes.graphClass(connector.type()).nestedClass("Steps");
    CodeBlock.Builder dispatch = CodeBlock.builder();
    int registered = 0;
    for (int w = 0; w < waves.size(); w++) {
      build.addCode("// $L\n", StepRegistration.waveLine(connector, waves, w));
      for (int index : waves.get(w)) {
        StepModel step = connector.steps().get(index);
        CodeBlock body = CodeBlock.of("new $T(connector, $L)", steps, registered);
        build.addStatement("graph.step($L)", StepRegistration.arguments(step, policies.get(index), w, body));
        dispatch.add("case $L -> instance.$N(ctx);\n", registered, step.methodName());
        registered++;
      }
    }
    build.addCode(StepRegistration.fingerprints(connector, waves.stream().flatMap(List::stream).toList(), fingerprints));
    return NoIndyForms.stepBodyClass(steps, connectorClass,
            CodeBlock.of("Runs the steps: {@code new Steps(connector, n)} is the body of the {@code n}th step\n"
                + "{@code build()} registers (counting from 0), and runs {@code case n} of {@link #run}.\n"))
        .addMethod(NoIndyForms.runMethod(connectorClass, dispatch.build()))
        .build();
  }
}
