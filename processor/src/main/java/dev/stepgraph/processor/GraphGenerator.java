package dev.stepgraph.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes {@code <Connector>_StepGraph}: the connector id, the wave count and {@code create()},
 * which builds the graph with one {@code graph.step(...)} statement per step in wave order, passing
 * a {@code StepPolicy} only for steps with a timeout, retries or skip-on-dependency-failure.
 *
 * <p>Written for javac's speed as much as for reading: statements rather than one long fluent chain
 * (javac attributes a chain as one ever deeper expression), and {@code List.<String>of(...)} with
 * an explicit type argument, which spares javac inferring it against every {@code List.of}
 * overload for each of thousands of steps (about a quarter of the compile time of a 10,000-step
 * graph). Large graphs are split
 * into nested {@code StepsN} classes of bounded size so no method exceeds 64 KB of bytecode and no
 * class 65,535 constant pool entries.
 *
 * <p>{@code create()} does not create the connector: it builds the graph around a {@code
 * ConnectorInstance.lazy(X.class, X::new)}, which the runner creates once, before the first step,
 * so {@code plan} and {@code graph} never run a constructor that needs configuration. Both {@code
 * create} methods share one private {@code build(ConnectorInstance<X>)}, and every body calls the
 * step method on {@code connector.get()}.
 *
 * <p>Small graphs pass each step's body as a lambda ({@code ctx -> connector.get().users(ctx)}).
 * In a large graph each {@code StepsN} class is also the body of its steps: {@code new
 * Steps0(connector, 17)} runs {@code case 17} of one {@code switch}, as Dagger's fast-init mode
 * does for providers. javac attributes a lambda or method reference per step as a poly expression
 * (a functional-interface descriptor to find, a lambda to desugar); a plain call in a switch case
 * costs it a fraction of that: a 1,000-step connector compiles about 0.4 s (0.9 s of CPU) faster, a
 * fifth of what the processor adds (BENCHMARKS.md). At run time it also spares one lambda class
 * spun up per step.
 */
final class GraphGenerator {
  static final ClassName CONNECTOR_GRAPH = ClassName.get("dev.stepgraph.runtime.graph", "ConnectorGraph");
  static final ClassName CONNECTOR_INSTANCE = ClassName.get("dev.stepgraph.runtime.graph", "ConnectorInstance");
  static final ClassName BUILDER = CONNECTOR_GRAPH.nestedClass("Builder");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName STEP_BODY = ClassName.get("dev.stepgraph.runtime.graph", "StepBody");
  static final ClassName STEP_CONTEXT = ClassName.get("dev.stepgraph.runtime", "StepContext");
  static final String PROCESSOR = "dev.stepgraph.processor.StepGraphProcessor";

  /** Steps plus dependencies per method; about 30 bytes of bytecode and 12 constants each. */
  static final int MAX_CHUNK_WEIGHT = 500;

  /** Wave lines in comments list at most this many ids. */
  static final int MAX_LISTED_IDS = 50;

  /** The class Javadoc lists at most this many step policies. */
  static final int MAX_LISTED_POLICIES = 50;

  private GraphGenerator() {}

  /** {@code Outer_Inner_StepGraph} for {@code Outer.Inner}. */
  static String graphClassSimpleName(TypeElement type) {
    return String.join("_", ClassName.get(type).simpleNames()) + "_StepGraph";
  }

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  /**
   * The source of the graph class.
   *
   * @param waves step indices by wave, each wave in declaration order
   */
  static JavaFile generate(ConnectorModel connector, List<List<Integer>> waves) {
    TypeElement type = connector.type();
    ClassName connectorClass = ClassName.get(type);
    ClassName graphClass = ClassName.get(connectorClass.packageName(), graphClassSimpleName(type));

    CodeBlock.Builder javadoc = CodeBlock.builder()
        .add("Step graph of connector {@code $L}, generated from {@link $T}.\n", connector.id(), connectorClass);
    if (!connector.description().isEmpty()) {
      javadoc.add("\n<p>$L\n", javadocText(connector.description()));
    }
    javadoc.add("\n<pre>\n");
    for (int w = 0; w < waves.size(); w++) {
      javadoc.add("$L\n", waveLine(connector, waves, w));
    }
    javadoc.add("</pre>\n");
    List<String> policyLines = new ArrayList<>();
    int policies = 0;
    for (List<Integer> wave : waves) {
      for (int index : wave) {
        StepModel step = connector.steps().get(index);
        ResolvedPolicy policy = ResolvedPolicy.of(connector, step);
        if (!policy.isDefault() && policies++ < MAX_LISTED_POLICIES) {
          policyLines.add(step.id() + ": " + policy.describe());
        }
      }
    }
    if (policies > 0) {
      javadoc.add("\n<p>Policies:\n\n<pre>\n");
      for (String line : policyLines) {
        javadoc.add("$L\n", line);
      }
      if (policies > policyLines.size()) {
        javadoc.add("and $L more\n", policies - policyLines.size());
      }
      javadoc.add("</pre>\n");
    }

    TypeSpec.Builder graph = TypeSpec.classBuilder(graphClass)
        .addJavadoc(javadoc.build())
        .addAnnotation(generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(type)
        .addField(FieldSpec.builder(String.class, "CONNECTOR_ID", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The connector id.\n")
            .initializer("$S", connector.id())
            .build())
        .addField(FieldSpec.builder(int.class, "WAVE_COUNT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("How many waves the graph has.\n")
            .initializer("$L", waves.size())
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("create")
            .addJavadoc("The graph of a new {@link $T}, created when the graph first runs.\n\n"
                + "<p>Its no-argument constructor runs once, before the first step of the first run; building\n"
                + "the graph, as {@code plan} and {@code graph} do, does not run it.\n", connectorClass)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(CONNECTOR_GRAPH)
            .addStatement("return build($T.lazy($T.class,$W$T::new))",
                CONNECTOR_INSTANCE, connectorClass, connectorClass)
            .build())
        .addMethod(MethodSpec.methodBuilder("create")
            .addJavadoc("The graph of the given connector instance (for embedding and tests).\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(CONNECTOR_GRAPH)
            .addParameter(connectorClass, "connector")
            .addStatement("return build($T.of(connector))", CONNECTOR_INSTANCE)
            .build());

    TypeName instanceType = ParameterizedTypeName.get(CONNECTOR_INSTANCE, connectorClass);
    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(CONNECTOR_GRAPH)
        .addParameter(instanceType, "connector");

    int totalWeight = 0;
    for (StepModel step : connector.steps()) {
      totalWeight += weight(step);
    }
    build.addStatement("$T graph =$W$T.builder(CONNECTOR_ID,$W$S,$Wconnector)", BUILDER, CONNECTOR_GRAPH,
        connector.description());
    if (totalWeight <= MAX_CHUNK_WEIGHT) {
      for (int w = 0; w < waves.size(); w++) {
        build.addCode("// $L\n", waveLine(connector, waves, w));
        for (int index : waves.get(w)) {
          StepModel step = connector.steps().get(index);
          build.addStatement("graph.step($L)",
              stepArguments(connector, step, w, CodeBlock.of("ctx -> connector.get().$N(ctx)", step.methodName())));
        }
      }
    } else {
      List<TypeSpec> chunks = chunks(connector, waves, graphClass, connectorClass, instanceType);
      for (TypeSpec chunk : chunks) {
        build.addStatement("$N.addTo(graph, connector)", chunk);
        graph.addType(chunk);
      }
    }
    build.addStatement("return graph.build()");
    graph.addMethod(build.build());
    return JavaFile.builder(graphClass.packageName(), graph.build()).skipJavaLangImports(true).build();
  }

  private static List<TypeSpec> chunks(ConnectorModel connector, List<List<Integer>> waves, ClassName graphClass,
      ClassName connectorClass, TypeName instanceType) {
    List<TypeSpec> chunks = new ArrayList<>();
    Chunk chunk = null;
    for (int w = 0; w < waves.size(); w++) {
      boolean waveStarted = false;
      for (int index : waves.get(w)) {
        StepModel step = connector.steps().get(index);
        if (chunk == null || chunk.weight + weight(step) > MAX_CHUNK_WEIGHT) {
          if (chunk != null) {
            chunks.add(chunk.build(connectorClass, instanceType));
          }
          chunk = new Chunk(graphClass.nestedClass("Steps" + chunks.size()));
          if (waveStarted) {
            chunk.register.add("// Wave $L (continued)\n", w);
          }
        }
        if (!waveStarted) {
          chunk.register.add("// $L\n", waveLine(connector, waves, w));
          waveStarted = true;
        }
        chunk.add(connector, step, w);
      }
    }
    if (chunk != null) {
      chunks.add(chunk.build(connectorClass, instanceType));
    }
    return chunks;
  }

  /** One nested {@code StepsN} class: registers its steps, and is their {@code StepBody}. */
  private static final class Chunk {
    final ClassName name;
    final CodeBlock.Builder register = CodeBlock.builder();
    final CodeBlock.Builder dispatch = CodeBlock.builder();
    int weight;
    int steps;

    Chunk(ClassName name) {
      this.name = name;
    }

    void add(ConnectorModel connector, StepModel step, int wave) {
      CodeBlock body = CodeBlock.of("new $T(connector, $L)", name, steps);
      register.addStatement("graph.step($L)", stepArguments(connector, step, wave, body));
      dispatch.add("case $L -> instance.$N(ctx);\n", steps, step.methodName());
      weight += weight(step);
      steps++;
    }

    TypeSpec build(ClassName connectorClass, TypeName instanceType) {
      return TypeSpec.classBuilder(name)
          .addJavadoc("Registers $L steps, and runs them: step {@code n} of this class is {@code case n} of\n"
              + "{@link #run}. One {@code switch} rather than a lambda per step, because javac compiles it\n"
              + "faster.\n", steps)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addSuperinterface(STEP_BODY)
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
              .addParameter(BUILDER, "graph")
              .addParameter(instanceType, "connector")
              .addCode(register.build())
              .build())
          .addMethod(MethodSpec.methodBuilder("run")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .addParameter(STEP_CONTEXT, "ctx")
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

  private static int weight(StepModel step) {
    return 1 + step.dependsOn().size();
  }

  private static CodeBlock stepArguments(ConnectorModel connector, StepModel step, int wave, CodeBlock body) {
    CodeBlock.Builder dependencies = CodeBlock.builder().add("$T.<$T>of(", LIST, String.class);
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
    if (policy.isDefault()) {
      return CodeBlock.of("$S,$W$S,$W$L,$W$L,$W$L",
          step.id(), step.description(), dependencies.build(), wave, body);
    }
    return CodeBlock.of("$S,$W$S,$W$L,$W$L,\n$L,\n$L",
        step.id(), step.description(), dependencies.build(), wave, policy.javaExpression(), body);
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

  /** Text that is safe inside a Javadoc comment. */
  static String javadocText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
        .replace("@", "&#64;");
  }
}
