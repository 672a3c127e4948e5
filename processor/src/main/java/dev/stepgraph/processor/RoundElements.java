package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The elements of one round that the processor looks at, sorted by what they are.
 *
 * @param connectors classes (or interfaces, enums, records) that declare {@code @Step} methods, in
 *     the order javac gives them
 * @param withConnectorAnnotation classes with {@code @Connector}, whether they are connectors or not
 * @param retries methods with {@code @Retry}
 * @param withConfigKeys classes with {@code @ConfigKey} (or its container), whether they are
 *     connectors or not
 */
record RoundElements(
    Set<TypeElement> connectors, List<TypeElement> withConnectorAnnotation, List<ExecutableElement> retries,
    Set<TypeElement> withConfigKeys) {

  static RoundElements of(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> connectors = new LinkedHashSet<>();
    List<TypeElement> withConnectorAnnotation = new ArrayList<>();
    List<ExecutableElement> retries = new ArrayList<>();
    Set<TypeElement> withConfigKeys = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      boolean step = annotation.getQualifiedName().contentEquals(ModelReader.STEP);
      boolean retry = annotation.getQualifiedName().contentEquals(ModelReader.RETRY);
      boolean configKey = annotation.getQualifiedName().contentEquals(ModelReader.CONFIG_KEY)
          || annotation.getQualifiedName().contentEquals(ModelReader.CONFIG_KEYS);
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (configKey) {
          if (element instanceof TypeElement type) {
            withConfigKeys.add(type);
          }
        } else if (retry) {
          if (element instanceof ExecutableElement method) {
            retries.add(method);
          }
        } else if (step && element.getEnclosingElement() instanceof TypeElement type) {
          connectors.add(type);
        } else if (!step && element instanceof TypeElement type) {
          withConnectorAnnotation.add(type);
        }
      }
    }
    return new RoundElements(connectors, withConnectorAnnotation, retries, withConfigKeys);
  }
}
