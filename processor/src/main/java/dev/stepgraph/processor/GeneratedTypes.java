package dev.stepgraph.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import javax.lang.model.element.TypeElement;

/**
 * The types generated sources name, in one place: the runtime's API for generated code ({@code
 * dev.stepgraph.runtime.graph}), its command line, the annotations' {@code Schedule}, the JDK
 * types, the {@code @Generated} every generated class carries, and the name of a connector's
 * generated graph class.
 */
final class GeneratedTypes {
  static final ClassName CONNECTOR_GRAPH = ClassName.get("dev.stepgraph.runtime.graph", "ConnectorGraph");
  static final ClassName GRAPH_BUILDER = CONNECTOR_GRAPH.nestedClass("Builder");
  static final ClassName CONNECTOR_INSTANCE = ClassName.get("dev.stepgraph.runtime.graph", "ConnectorInstance");
  static final ClassName STEP_BODY = ClassName.get("dev.stepgraph.runtime.graph", "StepBody");
  static final ClassName STEP_POLICY = ClassName.get("dev.stepgraph.runtime.graph", "StepPolicy");
  static final ClassName RETRY_POLICY = ClassName.get("dev.stepgraph.runtime.graph", "RetryPolicy");
  static final ClassName DATA_CONTRACT = ClassName.get("dev.stepgraph.runtime.graph", "DataContract");
  static final ClassName CONFIG_KEY_DEFINITION = ClassName.get("dev.stepgraph.runtime.graph", "ConfigKeyDefinition");
  static final ClassName SCHEDULE = ClassName.get("dev.stepgraph", "Schedule");
  static final ClassName STEP_CONTEXT = ClassName.get("dev.stepgraph.runtime", "StepContext");
  static final ClassName CLI = ClassName.get("dev.stepgraph.runtime.cli", "StepgraphCli");

  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName LINKED_HASH_SET = ClassName.get("java.util", "LinkedHashSet");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName MAP = ClassName.get("java.util", "Map");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName SET = ClassName.get("java.util", "Set");
  static final ClassName SUPPLIER = ClassName.get("java.util.function", "Supplier");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** What {@code @Generated} names: the processor's public class. */
  static final String PROCESSOR = "dev.stepgraph.processor.StepGraphProcessor";

  private GeneratedTypes() {}

  /** {@code @Generated("dev.stepgraph.processor.StepGraphProcessor")}. */
  static AnnotationSpec generatedAnnotation() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  /** {@code ConnectorInstance<AwsConnector>}: what generated code holds the connector in. */
  static ParameterizedTypeName connectorInstance(ClassName connectorClass) {
    return ParameterizedTypeName.get(CONNECTOR_INSTANCE, connectorClass);
  }

  /** {@code com.acme.Outer_Inner_StepGraph} for {@code com.acme.Outer.Inner}. */
  static ClassName graphClass(TypeElement connector) {
    return ClassName.get(ClassName.get(connector).packageName(), graphClassSimpleName(connector));
  }

  /** {@code Outer_Inner_StepGraph} for {@code Outer.Inner}. */
  static String graphClassSimpleName(TypeElement connector) {
    return String.join("_", ClassName.get(connector).simpleNames()) + "_StepGraph";
  }
}
