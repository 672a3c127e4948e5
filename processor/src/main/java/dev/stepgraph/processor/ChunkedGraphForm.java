package dev.stepgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The form of a large graph: the steps are split, in wave order, into nested {@code StepsN}
 * classes of bounded weight ({@link StepRegistration#weight}), so no class exceeds 65,535 constant
 * pool entries and no method 64 KB of bytecode; {@code build()} calls {@code StepsN.addTo(graph,
 * connector)} for each.
 *
 * <p>Each {@code StepsN} class lists its steps as a table, one string per step ({@code "users | 0
 * | - | - | 9c1e... | Collects users"}: id, wave, dependencies, data contract, fingerprint and
 * description), which {@code addTo} hands row by row to the graph class's {@code addStep}. javac
 * compiles a string constant in a fraction of the time of a {@code graph.step(...)} call with its
 * {@code List.of} and constructor to resolve (BENCHMARKS.md, "Compile time", gives the measured
 * effect). A step whose policy is not the default gets it from the class's {@code policy} switch.
 *
 * <p>Each {@code StepsN} class is also the body of its steps: {@code new Steps0(connector, 17)}
 * runs {@code case 17} of one {@code switch}, as Dagger's fast-init mode does for providers, instead
 * of a lambda per step, which javac attributes as a poly expression and desugars, and the runtime
 * spins up as a class of its own. The {@code run} method calls {@code connector.get()} once, before
 * the {@code switch}.
 */
final class ChunkedGraphForm {
  /**
   * The weight of the steps of one {@code StepsN} class at most, and of a graph in the flat form: a
   * heavier graph is chunked. Tests pass a smaller one to {@code StepGraphProcessor} to see the
   * chunked form on a few steps.
   */
  static final int MAX_CHUNK_WEIGHT = 500;

  /** What a cell of the table holds when there is nothing: no dependency, no data contract. */
  static final String NOTHING = "-";

  /** What separates the cells of a row. */
  private static final String CELL_SEPARATOR = " | ";

  private ChunkedGraphForm() {}

  /**
   * Adds one {@code StepsN.addTo(graph, connector)} per chunk to {@code build}, after its {@code
   * graph} builder and before {@code graph.build()}, and returns the {@code StepsN} classes to nest
   * in the graph class, which also needs {@link #addRowReader}.
   *
   * @param policies the policy of each step, in step order
   * @param fingerprints the fingerprint of each step, in step order: each row has its step's
   * @param maxChunkWeight the weight of one {@code StepsN} class at most ({@link #MAX_CHUNK_WEIGHT});
   *     a step heavier than that gets a class of its own
   */
  static List<TypeSpec> addSteps(ConnectorModel connector, List<ResolvedPolicy> policies, List<List<Integer>> waves,
      List<String> fingerprints, int maxChunkWeight, MethodSpec.Builder build) {
    ClassName connectorClass = ClassName.get(connector.type());
    ClassName graphClass = GeneratedTypes.graphClass(connector.type());
    List<TypeSpec> chunks = new ArrayList<>();
    Chunk chunk = null;
    for (int w = 0; w < waves.size(); w++) {
      boolean waveStarted = false;
      for (int index : waves.get(w)) {
        StepModel step = connector.steps().get(index);
        if (chunk == null || chunk.weight + StepRegistration.weight(step) > maxChunkWeight) {
          if (chunk != null) {
            chunks.add(chunk.build(connectorClass));
          }
          chunk = new Chunk(graphClass.nestedClass("Steps" + chunks.size()));
          if (waveStarted) {
            chunk.rows.add("// Wave $L (continued)\n", w);
          }
        }
        if (!waveStarted) {
          chunk.rows.add("// $L\n", StepRegistration.waveLine(connector, waves, w));
          waveStarted = true;
        }
        chunk.add(step, policies.get(index), w, fingerprints.get(index));
      }
    }
    if (chunk != null) {
      chunks.add(chunk.build(connectorClass));
    }
    for (TypeSpec type : chunks) {
      build.addStatement("$N.addTo(graph, connector)", type);
    }
    return chunks;
  }

  /** Adds the {@code addStep} method that reads the rows of the tables to {@code graph}. */
  static void addRowReader(ConnectorModel connector, TypeSpec.Builder graph) {
    graph.addMethod(addStep(connector));
  }

  /** {@code addStep(graph, row, policy, body)}: one row of a {@code StepsN} table into the graph. */
  private static MethodSpec addStep(ConnectorModel connector) {
    boolean contracts = connector.steps().stream().anyMatch(StepModel::declaresContract);
    MethodSpec.Builder method = MethodSpec.methodBuilder("addStep")
        .addJavadoc("Adds the step of one row of a {@code StepsN} table, {@code id | wave | depends on | data |\n"
            + "fingerprint | description}, with its policy and body, and then its fingerprint. {@code $L} is\n"
            + "an empty cell; the steps a step depends on are separated by commas. The fingerprint is over\n"
            + "the step's declaration, source (formatting and comments aside) and upstream steps: a run\n"
            + "store reuses a recorded result only while it is unchanged.\n", NOTHING)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(GeneratedTypes.GRAPH_BUILDER, "graph")
        .addParameter(String.class, "row")
        .addParameter(GeneratedTypes.STEP_POLICY, "policy")
        .addParameter(GeneratedTypes.STEP_BODY, "body")
        .addComment("The cells, found with indexOf: a regular expression costs a cold JVM more than the rows")
        .addStatement("$T[] cell = new $T[6]", String.class, String.class)
        .addStatement("int start = 0")
        .beginControlFlow("for (int i = 0; i < 5; i++)")
        .addStatement("int end = row.indexOf($S, start)", CELL_SEPARATOR)
        .addStatement("cell[i] = row.substring(start, end)")
        .addStatement("start = end + $L", CELL_SEPARATOR.length())
        .endControlFlow()
        .addStatement("cell[5] = row.substring(start)")
        .addStatement("$T<$T> dependsOn = cell[2].equals($S) ? $T.of() : $T.of(cell[2].split($S))",
            GeneratedTypes.LIST, String.class, NOTHING, GeneratedTypes.LIST, GeneratedTypes.LIST, ",");
    if (contracts) {
      method.addStatement("$T data = cell[3].equals($S) ? $T.NONE : $N(cell[3])", GeneratedTypes.DATA_CONTRACT,
          NOTHING, GeneratedTypes.DATA_CONTRACT, StepRegistration.CONTRACT_METHOD);
    }
    return method
        .addStatement("graph.step(cell[0], cell[5], dependsOn, $T.parseInt(cell[1]),$Wpolicy,$W$L,$Wbody)",
            Integer.class, contracts ? "data" : CodeBlock.of("$T.NONE", GeneratedTypes.DATA_CONTRACT))
        .addStatement("graph.fingerprint(cell[0], cell[4])")
        .build();
  }

  /** One nested {@code StepsN} class: lists its steps, registers them, and is their {@code StepBody}. */
  private static final class Chunk {
    final ClassName name;
    final CodeBlock.Builder rows = CodeBlock.builder();
    final CodeBlock.Builder policies = CodeBlock.builder();
    final CodeBlock.Builder dispatch = CodeBlock.builder();
    int weight;
    int steps;
    boolean policy;

    Chunk(ClassName name) {
      this.name = name;
    }

    void add(StepModel step, ResolvedPolicy resolved, int wave, String fingerprint) {
      rows.add("$S,\n", row(step, wave, fingerprint));
      if (!resolved.isDefault()) {
        policies.add("case $L -> $L;\n", steps, resolved.javaExpression());
        policy = true;
      }
      dispatch.add("case $L -> instance.$N(ctx);\n", steps, step.methodName());
      weight += StepRegistration.weight(step);
      steps++;
    }

    /** {@code users | 0 | - | emits user | 9c1e... | Collects users}. */
    private static String row(StepModel step, int wave, String fingerprint) {
      StringBuilder row = new StringBuilder(step.id()).append(CELL_SEPARATOR).append(wave).append(CELL_SEPARATOR);
      String separator = "";
      for (String id : StepRegistration.dependencyIds(step)) {
        row.append(separator).append(id);
        separator = ",";
      }
      if (separator.isEmpty()) {
        row.append(NOTHING);
      }
      String data = step.declaresContract() ? StepRegistration.contractDescription(step) : NOTHING;
      return row.append(CELL_SEPARATOR).append(data).append(CELL_SEPARATOR).append(fingerprint)
          .append(CELL_SEPARATOR).append(step.description()).toString();
    }

    TypeSpec build(ClassName connectorClass) {
      TypeSpec.Builder type = NoIndyForms.stepBodyClass(name, connectorClass,
              CodeBlock.of("Registers $L steps, and runs them: step {@code n} of this class is row {@code n} of\n"
                  + "{@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather\n"
                  + "than a statement and a lambda per step, because javac compiles them faster.\n", steps),
              FieldSpec.builder(String[].class, "STEPS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                  .addJavadoc("One row per step, in wave order: id | wave | depends on | data | fingerprint | description.\n")
                  .initializer("{\n$>$>$L$<$<}", rows.build())
                  .build())
          .addMethod(MethodSpec.methodBuilder("addTo")
              .addModifiers(Modifier.STATIC)
              .addParameter(GeneratedTypes.GRAPH_BUILDER, "graph")
              .addParameter(GeneratedTypes.connectorInstance(connectorClass), "connector")
              .beginControlFlow("for (int i = 0; i < STEPS.length; i++)")
              .addStatement("addStep(graph, STEPS[i], $L, new $T(connector, i))",
                  policy ? "policy(i)" : CodeBlock.of("$T.DEFAULT", GeneratedTypes.STEP_POLICY), name)
              .endControlFlow()
              .build());
      if (policy) {
        type.addMethod(MethodSpec.methodBuilder("policy")
            .addJavadoc("The policy of step {@code n} of this class, where it is not {@code StepPolicy.DEFAULT}.\n")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(GeneratedTypes.STEP_POLICY)
            .addParameter(int.class, "step")
            .addCode("return switch (step) {\n$>")
            .addCode(policies.build())
            .addCode("default -> $T.DEFAULT;\n$<};\n", GeneratedTypes.STEP_POLICY)
            .build());
      }
      return type.addMethod(NoIndyForms.runMethod(connectorClass, dispatch.build())).build();
    }
  }
}
