package dev.stepgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The form of a large graph: the steps are split, in wave order, into nested {@code StepsN}
 * classes of bounded weight ({@link StepRegistration#weight}), so no method exceeds 64 KB of
 * bytecode and no class 65,535 constant pool entries; {@code build()} calls {@code
 * StepsN.addTo(graph, connector)} for each.
 *
 * <p>Each {@code StepsN} class is also the body of its steps: {@code new Steps0(connector, 17)}
 * runs {@code case 17} of one {@code switch}, as Dagger's fast-init mode does for providers. javac
 * attributes a lambda or method reference per step as a poly expression (a functional-interface
 * descriptor to find, a lambda to desugar); a plain call in a switch case costs it a fraction of
 * that: a 1,000-step connector compiles about 0.4 s (0.9 s of CPU) faster, a fifth of what the
 * processor adds (BENCHMARKS.md). At run time it also spares one lambda class spun up per step.
 * The {@code run} method calls {@code connector.get()} once, before the {@code switch}.
 */
final class ChunkedGraphForm {
  /**
   * The weight of the steps of one {@code StepsN} class at most, and of a graph in the flat form: a
   * heavier graph is chunked. Tests pass a smaller one to {@code StepGraphProcessor} to see the
   * chunked form on a few steps.
   */
  static final int MAX_CHUNK_WEIGHT = 500;

  private ChunkedGraphForm() {}

  /**
   * Adds one {@code StepsN.addTo(graph, connector)} per chunk to {@code build}, after its {@code
   * graph} builder and before {@code graph.build()}, and returns the {@code StepsN} classes to nest
   * in the graph class.
   *
   * @param fingerprints the fingerprint of each step, in step order: each {@code StepsN.addTo}
   *     gives those of its own steps, after registering them
   * @param maxChunkWeight the weight of one {@code StepsN} class at most ({@link #MAX_CHUNK_WEIGHT});
   *     a step heavier than that gets a class of its own
   */
  static List<TypeSpec> addSteps(ConnectorModel connector, List<List<Integer>> waves, List<String> fingerprints,
      int maxChunkWeight, MethodSpec.Builder build) {
    ClassName connectorClass = ClassName.get(connector.type());
    ClassName graphClass = GeneratedTypes.graphClass(connector.type());
    TypeName instanceType = ParameterizedTypeName.get(GeneratedTypes.CONNECTOR_INSTANCE, connectorClass);
    List<TypeSpec> chunks = new ArrayList<>();
    Chunk chunk = null;
    for (int w = 0; w < waves.size(); w++) {
      boolean waveStarted = false;
      for (int index : waves.get(w)) {
        StepModel step = connector.steps().get(index);
        if (chunk == null || chunk.weight + StepRegistration.weight(step) > maxChunkWeight) {
          if (chunk != null) {
            chunks.add(chunk.build(connector, fingerprints, connectorClass, instanceType));
          }
          chunk = new Chunk(graphClass.nestedClass("Steps" + chunks.size()));
          if (waveStarted) {
            chunk.register.add("// Wave $L (continued)\n", w);
          }
        }
        if (!waveStarted) {
          chunk.register.add("// $L\n", StepRegistration.waveLine(connector, waves, w));
          waveStarted = true;
        }
        chunk.add(connector, index, w);
      }
    }
    if (chunk != null) {
      chunks.add(chunk.build(connector, fingerprints, connectorClass, instanceType));
    }
    for (TypeSpec type : chunks) {
      build.addStatement("$N.addTo(graph, connector)", type);
    }
    return chunks;
  }

  /** One nested {@code StepsN} class: registers its steps, and is their {@code StepBody}. */
  private static final class Chunk {
    final ClassName name;
    final CodeBlock.Builder register = CodeBlock.builder();
    final CodeBlock.Builder dispatch = CodeBlock.builder();
    final List<Integer> indices = new ArrayList<>();
    int weight;
    int steps;

    Chunk(ClassName name) {
      this.name = name;
    }

    void add(ConnectorModel connector, int index, int wave) {
      StepModel step = connector.steps().get(index);
      CodeBlock body = CodeBlock.of("new $T(connector, $L)", name, steps);
      register.addStatement("graph.step($L)", StepRegistration.arguments(connector, step, wave, body));
      dispatch.add("case $L -> instance.$N(ctx);\n", steps, step.methodName());
      weight += StepRegistration.weight(step);
      steps++;
      indices.add(index);
    }

    /** The class, its {@code addTo} ending with the fingerprints of its steps. */
    TypeSpec build(ConnectorModel connector, List<String> fingerprints, ClassName connectorClass, TypeName instanceType) {
      return TypeSpec.classBuilder(name)
          .addJavadoc("Registers $L steps, and runs them: step {@code n} of this class is {@code case n} of\n"
              + "{@link #run}. One {@code switch} rather than a lambda per step, because javac compiles it\n"
              + "faster.\n", steps)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addSuperinterface(GeneratedTypes.STEP_BODY)
          .addField(instanceType, "connector", Modifier.PRIVATE, Modifier.FINAL)
          .addField(int.class, "step", Modifier.PRIVATE, Modifier.FINAL)
          .addMethod(MethodSpec.constructorBuilder()
              .addModifiers(Modifier.PRIVATE)
              .addParameter(instanceType, "connector")
              .addParameter(int.class, "step")
              .addStatement("this.connector = connector")
              .addStatement("this.step = step")
              .build())
          .addMethod(MethodSpec.methodBuilder("addTo")
              .addModifiers(Modifier.STATIC)
              .addParameter(GeneratedTypes.GRAPH_BUILDER, "graph")
              .addParameter(instanceType, "connector")
              .addCode(register.build())
              .addCode(StepRegistration.fingerprints(connector, indices, fingerprints))
              .build())
          .addMethod(MethodSpec.methodBuilder("run")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .addParameter(GeneratedTypes.STEP_CONTEXT, "ctx")
              .addException(Exception.class)
              .addStatement("$T instance = connector.get()", connectorClass)
              .beginControlFlow("switch (step)")
              .addCode(dispatch.build())
              .addStatement("default -> throw new $T(\"no step \" + step)", IllegalStateException.class)
              .endControlFlow()
              .build())
          .build();
    }
  }
}
