package dev.stepgraph.processor;

import static dev.stepgraph.processor.AnnotationValues.annotation;
import static dev.stepgraph.processor.AnnotationValues.enumConstant;
import static dev.stepgraph.processor.AnnotationValues.explicitValue;
import static dev.stepgraph.processor.AnnotationValues.stringOf;

import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Turns a class with {@code @Step} methods into a {@link ConnectorModel}. Reads; checks nothing.
 * Each step is read by {@link StepReader}, the configuration keys by {@link ConfigKeyReader}.
 */
final class ModelReader {
  static final String STEP = "dev.stepgraph.Step";
  static final String CONNECTOR = "dev.stepgraph.Connector";
  static final String RETRY = "dev.stepgraph.Retry";
  static final String CONFIG_KEY = ConfigKeyReader.CONFIG_KEY;
  static final String CONFIG_KEYS = ConfigKeyReader.CONFIG_KEYS;

  private final Elements elements;
  private final @Nullable Trees trees;
  private final StepReader steps;
  private final InheritedSteps inherited;
  private final ConfigKeyReader configKeys;

  /**
   * @param trees javac's tree API, for reading all doc comments of a class in one pass and the
   *     bodies of steps that declare a data contract; null outside javac (then each doc comment is
   *     read through {@link Elements#getDocComment}, which javac answers by scanning the whole file:
   *     quadratic on a 10,000-step connector; and no body is read)
   */
  ModelReader(Elements elements, @Nullable Trees trees) {
    this(elements, trees, new PhaseTimes(false));
  }

  /** A reader that adds the time it spends scanning step bodies to {@code times}. */
  ModelReader(Elements elements, @Nullable Trees trees, PhaseTimes times) {
    this.elements = elements;
    this.trees = trees;
    this.steps = new StepReader(elements, times);
    this.inherited = new InheritedSteps(elements, trees);
    this.configKeys = new ConfigKeyReader(elements, trees);
  }

  ConnectorModel read(TypeElement type) {
    AnnotationMirror connector = annotation(type, CONNECTOR);
    AnnotationValue idValue = connector == null ? null : explicitValue(connector, "id");
    String explicitId = stringOf(idValue, "");
    String id = explicitId.isEmpty() ? Ids.connectorIdFromClassName(type.getSimpleName().toString()) : explicitId;
    AnnotationValue descriptionValue = connector == null ? null : explicitValue(connector, "description");
    String description = stringOf(descriptionValue, "");
    if (description.isEmpty()) {
      description = DocComments.firstSentence(elements.getDocComment(type));
    }
    AnnotationValue onDependencyFailureValue = connector == null ? null : explicitValue(connector, "onDependencyFailure");
    String onDependencyFailure = onDependencyFailureValue == null ? "RUN" : enumConstant(onDependencyFailureValue);
    AnnotationValue scheduleValue = connector == null ? null : explicitValue(connector, "schedule");
    String schedule = scheduleValue == null ? "WAVES" : enumConstant(scheduleValue);
    List<ConfigKeyModel> keys = configKeys.read(type);
    List<StepModel> stepModels = new ArrayList<>();
    List<ConnectorModel.RetryWithoutStep> retriesWithoutStep = new ArrayList<>();
    ClassSource source = null;
    boolean sourceRead = false;
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD) {
        continue;
      }
      AnnotationMirror step = annotation(member, STEP);
      if (step != null) {
        if (!sourceRead) {
          source = ClassSource.read(trees, type);
          sourceRead = true;
        }
        stepModels.add(steps.read(type, (ExecutableElement) member, step, source, !keys.isEmpty()));
      } else {
        AnnotationMirror retry = annotation(member, RETRY);
        if (retry != null) {
          retriesWithoutStep.add(new ConnectorModel.RetryWithoutStep(
              (ExecutableElement) member, retry, Signatures.of((ExecutableElement) member)));
        }
      }
    }
    return new ConnectorModel(type, connector, explicitId.isEmpty() ? null : idValue, id, description, stepModels,
        onDependencyFailure, onDependencyFailureValue, retriesWithoutStep, inherited.of(type), schedule, keys);
  }
}
