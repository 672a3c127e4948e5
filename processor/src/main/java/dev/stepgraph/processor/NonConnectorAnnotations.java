package dev.stepgraph.processor;

import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Stepgraph annotations of a round outside any connector, which no check of a connector sees:
 * {@code @Connector} and {@code @ConfigKey} on a class without {@code @Step} methods, {@code
 * @Retry} on a method of such a class without {@code @Step}.
 */
final class NonConnectorAnnotations {
  private NonConnectorAnnotations() {}

  static void report(RoundElements elements, Reporter reporter) {
    Set<TypeElement> connectors = elements.connectors();
    for (TypeElement type : elements.withConnectorAnnotation()) {
      if (!connectors.contains(type)) {
        reporter.warning(
            "class " + type.getQualifiedName() + " has @Connector but no @Step method, so it is not a connector"
                + " and nothing is generated for it: add @Step methods or remove @Connector",
            type, AnnotationValues.annotation(type, ModelReader.CONNECTOR), null);
      }
    }
    for (TypeElement type : elements.withConfigKeys()) {
      List<AnnotationMirror> keys = ConfigKeyReader.mirrors(type);
      if (!connectors.contains(type) && !keys.isEmpty()) {
        reporter.warning(
            "class " + type.getQualifiedName() + " has @ConfigKey but no @Step method, so it is not a connector"
                + " and no run checks these keys: declare them on the connector class that reads them",
            type, keys.get(0), null);
      }
    }
    for (ExecutableElement method : elements.retries()) {
      // In a connector the model carries it to PolicyCheck; elsewhere nothing else would see it.
      if (!connectors.contains(method.getEnclosingElement())
          && AnnotationValues.annotation(method, ModelReader.STEP) == null) {
        AnnotationMirror retry = AnnotationValues.annotation(method, ModelReader.RETRY);
        if (retry != null) {
          PolicyCheck.reportRetryWithoutStep(method, retry, Signatures.of(method), reporter);
        }
      }
    }
  }
}
