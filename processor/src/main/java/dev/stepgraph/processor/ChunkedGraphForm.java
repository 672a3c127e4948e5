package dev.stepgraph.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
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

  /**
   * Adds the methods that read the rows of the tables to {@code graph}: {@code addStep}, and
   * {@code stepIds} for its dependencies.
   */
  static void addRowReader(ConnectorModel connector, TypeSpec.Builder graph) {
    graph.addMethod(addStep(connector)).addMethod(stepIds());
  }

  /**
   * {@code addStep(graph, row, policy, body)}: one row of a {@code StepsN} table into the graph.
   * It finds where each cell ends and takes what it needs with {@code substring}: no array of
   * cells, no {@code split}. A 10,000-step graph calls it 10,000 times in a cold JVM, so its
   * compiled form is what the JIT compiles while the first steps run (BENCHMARKS.md, "Rows read
   * without split").
   */
  private static MethodSpec addStep(ConnectorModel connector) {
    boolean contracts = connector.steps().stream().anyMatch(StepModel::declaresContract);
    int gap = CELL_SEPARATOR.length();
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
        .addComment("Where each cell ends: the $S after it, found with indexOf (a regular expression or", CELL_SEPARATOR)
        .addComment("split costs a cold JVM more than the rows)")
        .addStatement("int idEnd = row.indexOf($S)", CELL_SEPARATOR)
        .addStatement("int waveEnd = row.indexOf($S, idEnd + $L)", CELL_SEPARATOR, gap)
        .addStatement("int dependsOnEnd = row.indexOf($S, waveEnd + $L)", CELL_SEPARATOR, gap)
        .addStatement("int dataEnd = row.indexOf($S, dependsOnEnd + $L)", CELL_SEPARATOR, gap)
        .addStatement("int fingerprintEnd = row.indexOf($S, dataEnd + $L)", CELL_SEPARATOR, gap)
        .addStatement("String id = row.substring(0, idEnd)");
    if (contracts) {
      method.addStatement("String data = row.substring(dependsOnEnd + $L, dataEnd)", gap)
          .addStatement("$T contract = data.equals($S) ? $T.NONE : $N(data)", GeneratedTypes.DATA_CONTRACT,
              NOTHING, GeneratedTypes.DATA_CONTRACT, StepRegistration.CONTRACT_METHOD);
    }
    return method
        .addStatement("graph.step(id, row.substring(fingerprintEnd + $L),$WstepIds(row, waveEnd + $L, dependsOnEnd),"
                + "$W$T.parseInt(row, idEnd + $L, waveEnd, 10),$Wpolicy,$W$L,$Wbody)",
            gap, gap, Integer.class, gap, contracts ? "contract" : CodeBlock.of("$T.NONE", GeneratedTypes.DATA_CONTRACT))
        .addStatement("graph.fingerprint(id, row.substring(dataEnd + $L, fingerprintEnd))", gap)
        .build();
  }

  /** {@code stepIds(row, start, end)}: the dependencies cell of a row, as a list of step ids. */
  private static MethodSpec stepIds() {
    return MethodSpec.methodBuilder("stepIds")
        .addJavadoc("The step ids of the cell of {@code row} from {@code start} to {@code end}: separated by\n"
            + "commas, or {@code $L} for none.\n", NOTHING)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(GeneratedTypes.LIST, ClassName.get(String.class)))
        .addParameter(String.class, "row")
        .addParameter(int.class, "start")
        .addParameter(int.class, "end")
        .beginControlFlow("if (row.startsWith($S, start) && end == start + $L)", NOTHING, NOTHING.length())
        .addStatement("return $T.of()", GeneratedTypes.LIST)
        .endControlFlow()
        .addStatement("int count = 1")
        .beginControlFlow("for (int i = start; i < end; i++)")
        .beginControlFlow("if (row.charAt(i) == ',')")
        .addStatement("count++")
        .endControlFlow()
        .endControlFlow()
        .addStatement("$T[] ids = new $T[count]", String.class, String.class)
        .addStatement("int from = start")
        .beginControlFlow("for (int i = 0; i < count - 1; i++)")
        .addStatement("int comma = row.indexOf(',', from)")
        .addStatement("ids[i] = row.substring(from, comma)")
        .addStatement("from = comma + 1")
        .endControlFlow()
        .addStatement("ids[count - 1] = row.substring(from, end)")
        .addStatement("return $T.of(ids)", GeneratedTypes.LIST)
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
              CodeBlock.of("Registers $L $L, and runs $L: step {@code n} of this class is row {@code n} of\n"
                  + "{@link #STEPS} and {@code case n} of {@link #run}. A table and one {@code switch} rather\n"
                  + "than a statement and a lambda per step, because javac compiles them faster.\n", steps,
                  steps == 1 ? "step" : "steps", steps == 1 ? "it" : "them"),
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
