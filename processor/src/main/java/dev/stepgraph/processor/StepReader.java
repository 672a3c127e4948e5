package dev.stepgraph.processor;

import static dev.stepgraph.processor.AnnotationValues.enumConstant;
import static dev.stepgraph.processor.AnnotationValues.explicitValue;
import static dev.stepgraph.processor.AnnotationValues.stringOf;
import static dev.stepgraph.processor.AnnotationValues.strings;

import com.sun.source.tree.MethodTree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/** Turns a {@code @Step} method into a {@link StepModel}. Reads; checks nothing. */
final class StepReader {
  private final Elements elements;
  private final StepBodyTypes bodyTypes;
  private final RetryReader retries;
  private final PhaseTimes times;

  StepReader(Elements elements, PhaseTimes times) {
    this.elements = elements;
    this.bodyTypes = new StepBodyTypes(elements);
    this.retries = new RetryReader(elements);
    this.times = times;
  }

  /**
   * @param source the methods of {@code connector} in its source, or null without it: then the
   *     doc comment comes from {@link Elements#getDocComment} and no body is read
   * @param declaresConfig whether the connector declares configuration keys: then the body's
   *     reads of them are read too
   */
  StepModel read(
      TypeElement connector, ExecutableElement method, AnnotationMirror step, @Nullable ClassSource source,
      boolean declaresConfig) {
    AnnotationValue idValue = explicitValue(step, "id");
    String id = stringOf(idValue, "");
    AnnotationValue descriptionValue = explicitValue(step, "description");
    String description = stringOf(descriptionValue, "");
    if (description.isEmpty()) {
      String doc = source == null ? elements.getDocComment(method) : source.docComments().get(method);
      description = DocComments.firstSentence(doc);
    }
    List<StepModel.Dependency> dependsOn = new ArrayList<>();
    strings(explicitValue(step, "dependsOn"), (entry, value) -> dependsOn.add(new StepModel.Dependency(entry, value)));
    List<StepModel.DataType> emits = new ArrayList<>();
    strings(explicitValue(step, "emits"), (entry, value) -> emits.add(new StepModel.DataType(entry, value)));
    List<StepModel.DataType> reads = new ArrayList<>();
    strings(explicitValue(step, "reads"), (entry, value) -> reads.add(new StepModel.DataType(entry, value)));
    AnnotationValue timeoutValue = explicitValue(step, "timeout");
    String timeout = stringOf(timeoutValue, "");
    AnnotationValue onDependencyFailureValue = explicitValue(step, "onDependencyFailure");
    String onDependencyFailure = onDependencyFailureValue == null ? "INHERIT" : enumConstant(onDependencyFailureValue);
    AnnotationMirror retry = AnnotationValues.annotation(method, ModelReader.RETRY);
    boolean declaresContract = !emits.isEmpty() || !reads.isEmpty();
    StepBodyTypes.Found inBody = StepBodyTypes.Found.NOTHING;
    MethodTree tree = source == null ? null : source.methods().get(method);
    if ((declaresContract || declaresConfig) && tree != null) {
      try {
        ClassSource read = source;
        inBody = times.time("scan step bodies (in read)", () -> bodyTypes.read(tree, read.unit(), connector));
      } catch (RuntimeException e) {
        inBody = StepBodyTypes.Found.NOTHING; // a lint: the runtime checks what it cannot see
      }
    }
    return new StepModel(method, step, id, idValue, description, dependsOn, Signatures.of(method), timeout,
        timeoutValue, onDependencyFailure, onDependencyFailureValue, retry == null ? null : retries.read(retry), emits,
        reads, declaresContract ? inBody.types() : List.of(), declaresConfig ? inBody.configKeys() : List.of(),
        tree == null ? null : new StepModel.MethodSource(tree, source.unit()));
  }
}
