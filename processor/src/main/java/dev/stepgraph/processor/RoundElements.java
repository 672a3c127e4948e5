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
 */
record RoundElements(
    Set<TypeElement> connectors, List<TypeElement> withConnectorAnnotation, List<ExecutableElement> retries) {

  static RoundElements of(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> connectors = new LinkedHashSet<>();
    List<TypeElement> withConnectorAnnotation = new ArrayList<>();
    List<ExecutableElement> retries = new ArrayList<>();
    for (TypeElement annotation : annotations) {
      boolean step = annotation.getQualifiedName().contentEquals(ModelReader.STEP);
      boolean retry = annotation.getQualifiedName().contentEquals(ModelReader.RETRY);
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (retry) {
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
    return new RoundElements(connectors, withConnectorAnnotation, retries);
  }
}
