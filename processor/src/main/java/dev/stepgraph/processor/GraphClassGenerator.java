package dev.stepgraph.processor;

import static dev.stepgraph.processor.GeneratedTypes.CONNECTOR_GRAPH;
import static dev.stepgraph.processor.GeneratedTypes.CONNECTOR_INSTANCE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes {@code <Connector>_StepGraph}: the class Javadoc with the waves and the policies, the
 * connector id, the wave count, the two {@code create} methods and {@code build}, which registers
 * the steps in one of two forms: {@link FlatGraphForm} for a small graph, {@link ChunkedGraphForm}
 * (nested {@code StepsN} classes) for one heavier than {@link ChunkedGraphForm#MAX_CHUNK_WEIGHT}
 * (steps plus dependencies). Either form gives each step the fingerprint the processor computed
 * ({@link StepFingerprint}, {@link CombinedFingerprints}), after registering the steps.
 * A step gets a {@code StepPolicy} only when it has a timeout, retries or skip-on-dependency-failure,
 * or declares a {@code DataContract}, which it then gets too; {@code build()} sets the schedule when
 * it is {@code EAGER}, and declares the connector's configuration keys, if any.
 *
 * <p>{@code create()} does not create the connector: it builds the graph around a {@code
 * ConnectorInstance.lazy(X.class, new Supplier<X>() {...})}, which the runner creates once, before the first step,
 * so {@code plan} and {@code graph} never run a constructor that needs configuration. Both {@code
 * create} methods share one private {@code build(ConnectorInstance<X>)}, and every body calls the
 * step method on {@code connector.get()}. {@code create(X connector)} rejects null with a message
 * naming the class, before anything is built.
 */
final class GraphClassGenerator {
  /** The class Javadoc lists at most this many step policies, and as many data contracts. */
  static final int MAX_LISTED_POLICIES = 50;

  private GraphClassGenerator() {}

  /**
   * The source of the graph class.
   *
   * @param policies the policy of each step, in step order ({@link ResolvedPolicy#allOf})
   * @param waves step indices by wave, each wave in declaration order
   * @param fingerprints the fingerprint of each step, in step order ({@link CombinedFingerprints})
   * @param maxChunkWeight the weight up to which the graph takes the flat form, and of one {@code
   *     StepsN} class of the chunked form ({@link ChunkedGraphForm#MAX_CHUNK_WEIGHT})
   */
  static JavaFile generate(ConnectorModel connector, List<ResolvedPolicy> policies, List<List<Integer>> waves,
      List<String> fingerprints, int maxChunkWeight) {
    TypeElement type = connector.type();
    ClassName connectorClass = ClassName.get(type);
    ClassName graphClass = GeneratedTypes.graphClass(type);
    TypeSpec.Builder graph = TypeSpec.classBuilder(graphClass)
        .addJavadoc(javadoc(connector, policies, waves))
        .addAnnotation(GeneratedTypes.generatedAnnotation())
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
            .addCode(NoIndyForms.SUPPLIER_COMMENT)
            .addStatement("$T<$T> constructor = $L", GeneratedTypes.SUPPLIER, connectorClass,
                NoIndyForms.supplier(connectorClass, CodeBlock.of("new $T()", connectorClass)))
            .addStatement("return build($T.lazy($T.class, constructor))", CONNECTOR_INSTANCE, connectorClass)
            .build())
        .addMethod(MethodSpec.methodBuilder("create")
            .addJavadoc("The graph of the given connector instance (for embedding and tests).\n\n"
                + "@throws NullPointerException if {@code connector} is null\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(CONNECTOR_GRAPH)
            .addParameter(connectorClass, "connector")
            .addStatement("$T.requireNonNull(connector,$W$S)", GeneratedTypes.OBJECTS, nullConnectorMessage(type))
            .addStatement("return build($T.of(connector))", CONNECTOR_INSTANCE)
            .build());

    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(CONNECTOR_GRAPH)
        .addParameter(GeneratedTypes.connectorInstance(connectorClass), "connector")
        .addStatement("$T graph =$W$T.builder(CONNECTOR_ID,$W$S,$Wconnector)", GeneratedTypes.GRAPH_BUILDER,
            CONNECTOR_GRAPH, connector.description());
    if (connector.eager()) {
      build.addStatement("graph.schedule($T.EAGER)", GeneratedTypes.SCHEDULE);
    }
    if (!connector.configKeys().isEmpty()) {
      build.addCode("// Configuration keys, checked before the first step\n");
      for (ConfigKeyModel key : connector.configKeys()) {
        build.addStatement("graph.configKey($L)", configKey(key));
      }
    }
    boolean flat = StepRegistration.weight(connector) <= maxChunkWeight;
    List<TypeSpec> chunks = flat ? List.of(FlatGraphForm.addSteps(connector, policies, waves, fingerprints, build))
        : ChunkedGraphForm.addSteps(connector, policies, waves, fingerprints, maxChunkWeight, build);
    build.addStatement("return graph.build()");
    graph.addMethod(build.build());
    if (!flat) {
      ChunkedGraphForm.addRowReader(connector, graph);
    }
    if (connector.steps().stream().anyMatch(StepModel::declaresContract)) {
      graph.addMethod(contractMethod());
    }
    graph.addTypes(chunks);
    return JavaFile.builder(graphClass.packageName(), graph.build()).skipJavaLangImports(true).build();
  }

  /**
   * {@code ConfigKeyDefinition.required("api.token", "API token").asSecret()}, or {@code
   * optional(...)}.
   */
  private static CodeBlock configKey(ConfigKeyModel key) {
    return CodeBlock.of("$T.$N($S,$W$S)$L", GeneratedTypes.CONFIG_KEY_DEFINITION,
        key.required() ? "required" : "optional", key.name(), key.description(), key.secret() ? ".asSecret()" : "");
  }

  /**
   * {@code api.token (API_TOKEN): required, secret; API token}: what {@code plan} says of the key,
   * in the words of the runtime's {@code ConfigKeyDefinition.describe()}.
   */
  static String configKeyLine(ConfigKeyModel key) {
    String marks = key.required() && key.secret() ? "required, secret"
        : key.required() ? "required" : key.secret() ? "secret" : "";
    String text = marks.isEmpty() || key.description().isEmpty() ? marks + key.description()
        : marks + "; " + key.description();
    return key.name() + " (" + ConfigKeyNames.environmentVariable(key.name()) + ")" + (text.isEmpty() ? "" : ": " + text);
  }

  /**
   * {@code contract("reads host; emits service")}: the data contract that {@link
   * StepRegistration#contractDescription} describes, its types in declaration order.
   */
  private static MethodSpec contractMethod() {
    TypeName types = ParameterizedTypeName.get(GeneratedTypes.SET, ClassName.get(String.class));
    return MethodSpec.methodBuilder(StepRegistration.CONTRACT_METHOD)
        .addJavadoc("The data contract that {@code description} describes, as {@code DataContract.describe()}\n"
            + "does: {@code reads host, user; emits service}. Each type once, in the order declared.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(GeneratedTypes.DATA_CONTRACT)
        .addParameter(String.class, "description")
        .addStatement("$T emits = new $T<>()", types, GeneratedTypes.LINKED_HASH_SET)
        .addStatement("$T reads = new $T<>()", types, GeneratedTypes.LINKED_HASH_SET)
        .addComment("Split at single characters, which String.split does without a regular expression")
        .beginControlFlow("for ($T part : description.split($S))", String.class, ";")
        .addStatement("$T[] words = part.strip().split($S, 2)", String.class, " ")
        .addStatement("$T declared = words[0].equals($S) ? reads : emits", types, "reads")
        .beginControlFlow("for ($T type : words[1].split($S))", String.class, ",")
        .addStatement("declared.add(type.strip())")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return $T.of(emits, reads)", GeneratedTypes.DATA_CONTRACT)
        .build();
  }

  /**
   * What {@code create(X connector)} says when given null: {@code connector is null: pass an instance
   * of AwsConnector, or call create() to let the run create one} (the nested name, {@code
   * Outer.AwsConnector}, for a nested class).
   */
  static String nullConnectorMessage(TypeElement type) {
    return "connector is null: pass an instance of " + String.join(".", ClassName.get(type).simpleNames())
        + ", or call create() to let the run create one";
  }

  /**
   * The connector, its description, the waves, an EAGER schedule, the policies that are not the
   * default, the data contracts and the configuration keys.
   */
  private static CodeBlock javadoc(ConnectorModel connector, List<ResolvedPolicy> policies, List<List<Integer>> waves) {
    CodeBlock.Builder javadoc = CodeBlock.builder().add(
        "Step graph of connector {@code $L}, generated from {@link $T}.\n", connector.id(), ClassName.get(connector.type()));
    if (!connector.description().isEmpty()) {
      javadoc.add("\n<p>$L\n", javadocText(connector.description()));
    }
    javadoc.add("\n<pre>\n");
    for (int w = 0; w < waves.size(); w++) {
      javadoc.add("$L\n", StepRegistration.waveLine(connector, waves, w));
    }
    javadoc.add("</pre>\n");
    if (connector.eager()) {
      javadoc.add("\n<p>Schedule EAGER: a step starts as soon as every step it depends on has finished, not once\n"
          + "the whole wave before it has.\n");
    }
    List<String> policyLines = new ArrayList<>();
    List<String> dataLines = new ArrayList<>();
    int withPolicy = 0;
    int contracts = 0;
    for (List<Integer> wave : waves) {
      for (int index : wave) {
        StepModel step = connector.steps().get(index);
        ResolvedPolicy policy = policies.get(index);
        if (!policy.isDefault() && withPolicy++ < MAX_LISTED_POLICIES) {
          policyLines.add(step.id() + ": " + policy.describe());
        }
        if (step.declaresContract() && contracts++ < MAX_LISTED_POLICIES) {
          dataLines.add(step.id() + ": " + StepRegistration.contractDescription(step));
        }
      }
    }
    listing(javadoc, "Policies", policyLines, withPolicy);
    listing(javadoc, "Data", dataLines, contracts);
    List<String> configLines = new ArrayList<>();
    for (ConfigKeyModel key : connector.configKeys()) {
      configLines.add(javadocText(configKeyLine(key)));
    }
    listing(javadoc, "Configuration", configLines, configLines.size());
    return javadoc.build();
  }

  /** {@code <p>Title:} and the lines in a {@code <pre>} block, with how many more there are; nothing for none. */
  private static void listing(CodeBlock.Builder javadoc, String title, List<String> lines, int count) {
    if (count == 0) {
      return;
    }
    javadoc.add("\n<p>$L:\n\n<pre>\n", title);
    for (String line : lines) {
      javadoc.add("$L\n", line);
    }
    if (count > lines.size()) {
      javadoc.add("and $L more\n", count - lines.size());
    }
    javadoc.add("</pre>\n");
  }

  /** Text that is safe inside a Javadoc comment. */
  static String javadocText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
        .replace("@", "&#64;");
  }
}
