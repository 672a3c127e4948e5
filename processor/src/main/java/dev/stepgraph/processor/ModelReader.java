package dev.stepgraph.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/** Turns a class with {@code @Step} methods into a {@link ConnectorModel}. Reads; checks nothing. */
final class ModelReader {
  static final String STEP = "dev.stepgraph.Step";
  static final String CONNECTOR = "dev.stepgraph.Connector";
  static final String RETRY = "dev.stepgraph.Retry";
  static final String CONFIG_KEY = ConfigKeyReader.CONFIG_KEY;
  static final String CONFIG_KEYS = ConfigKeyReader.CONFIG_KEYS;

  private final Elements elements;
  private final @Nullable Trees trees;
  private final StepBodyTypes bodyTypes;
  private final InheritedSteps inherited;
  private final PhaseTimes times;
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
    this.times = times;
    this.elements = elements;
    this.trees = trees;
    this.bodyTypes = new StepBodyTypes(elements);
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
    List<StepModel> steps = new ArrayList<>();
    List<ConnectorModel.RetryWithoutStep> retriesWithoutStep = new ArrayList<>();
    Source source = null;
    boolean sourceRead = false;
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD) {
        continue;
      }
      AnnotationMirror step = annotation(member, STEP);
      if (step != null) {
        if (!sourceRead) {
          source = source(type);
          sourceRead = true;
        }
        steps.add(readStep(type, (ExecutableElement) member, step, source, !keys.isEmpty()));
      } else {
        AnnotationMirror retry = annotation(member, RETRY);
        if (retry != null) {
          retriesWithoutStep.add(new ConnectorModel.RetryWithoutStep(
              (ExecutableElement) member, retry, signature((ExecutableElement) member)));
        }
      }
    }
    return new ConnectorModel(type, connector, explicitId.isEmpty() ? null : idValue, id, description, steps,
        onDependencyFailure, onDependencyFailureValue, retriesWithoutStep, inherited.of(type), schedule, keys);
  }

  /**
   * The methods of a class in its source.
   *
   * @param unit the file
   * @param docComments the doc comment of each method that has one
   * @param methods the syntax tree of each method
   */
  private record Source(CompilationUnitTree unit, Map<Element, String> docComments, Map<Element, MethodTree> methods) {}

  /** The doc comments and trees of the methods of {@code type}, read in one pass; null if unavailable. */
  private @Nullable Source source(TypeElement type) {
    if (trees == null) {
      return null;
    }
    Map<Element, String> docs = new HashMap<>();
    Map<Element, MethodTree> methods = new HashMap<>();
    try {
      TreePath typePath = trees.getPath(type);
      if (typePath == null || !(typePath.getLeaf() instanceof ClassTree classTree)) {
        return null;
      }
      for (Tree member : classTree.getMembers()) {
        if (member instanceof MethodTree method) {
          TreePath path = new TreePath(typePath, member);
          Element element = trees.getElement(path);
          if (element == null) {
            continue;
          }
          methods.put(element, method);
          String doc = trees.getDocComment(path);
          if (doc != null) {
            docs.put(element, doc);
          }
        }
      }
      return new Source(typePath.getCompilationUnit(), docs, methods);
    } catch (RuntimeException e) {
      return null; // fall back to Elements.getDocComment, and read no body
    }
  }

  /**
   * @param declaresConfig whether the connector declares configuration keys: then the body's
   *     reads of them are read too
   */
  private StepModel readStep(
      TypeElement connector, ExecutableElement method, AnnotationMirror step, @Nullable Source source,
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
    AnnotationMirror retry = annotation(method, RETRY);
    boolean declaresContract = !emits.isEmpty() || !reads.isEmpty();
    StepBodyTypes.Found inBody = StepBodyTypes.Found.NOTHING;
    MethodTree tree = source == null ? null : source.methods().get(method);
    if ((declaresContract || declaresConfig) && tree != null) {
      try {
        Source read = source;
        inBody = times.time("scan step bodies (in read)", () -> bodyTypes.read(tree, read.unit(), connector));
      } catch (RuntimeException e) {
        inBody = StepBodyTypes.Found.NOTHING; // a lint: the runtime checks what it cannot see
      }
    }
    return new StepModel(method, step, id, idValue, description, dependsOn, signature(method), timeout, timeoutValue,
        onDependencyFailure, onDependencyFailureValue, retry == null ? null : readRetry(retry), emits, reads,
        declaresContract ? inBody.types() : List.of(), declaresConfig ? inBody.configKeys() : List.of(),
        tree == null ? null : new StepModel.MethodSource(tree, source.unit()));
  }

  /**
   * Each string of a {@code String[]} annotation value with its own annotation value (so the
   * caret points at it), or the value itself when written without braces; nothing for no value, or
   * for an element javac could not make a string.
   */
  private static void strings(@Nullable AnnotationValue array, BiConsumer<String, AnnotationValue> each) {
    if (array == null) {
      return;
    }
    Object value = array.getValue();
    if (value instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof AnnotationValue entryValue && entryValue.getValue() instanceof String string) {
          each.accept(string, entryValue);
        }
      }
    } else if (value instanceof String string) {
      each.accept(string, array);
    }
  }

  /** Values with defaults from {@link Elements#getElementValuesWithDefaults}; positions only where written. */
  private RetryModel readRetry(AnnotationMirror retry) {
    Map<String, AnnotationValue> values = new HashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(retry).entrySet()) {
      values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
    }
    return new RetryModel(
        retry,
        intOf(values.get("attempts"), 3),
        explicitValue(retry, "attempts"),
        stringOf(values.get("backoff"), "1s"),
        explicitValue(retry, "backoff"),
        doubleOf(values.get("multiplier"), 2.0),
        explicitValue(retry, "multiplier"),
        stringOf(values.get("maxBackoff"), "1m"),
        explicitValue(retry, "maxBackoff"),
        doubleOf(values.get("jitter"), 0.2),
        explicitValue(retry, "jitter"),
        classes(explicitValue(retry, "retryOn")),
        classes(explicitValue(retry, "noRetryOn")));
  }

  /**
   * The classes of a {@code Class<?>[]} annotation value, each with its own annotation value, or
   * the value itself when written without braces; a class javac could not resolve is left out.
   */
  private static List<RetryModel.ExceptionClass> classes(@Nullable AnnotationValue array) {
    if (array == null) {
      return List.of();
    }
    List<RetryModel.ExceptionClass> classes = new ArrayList<>();
    Object value = array.getValue();
    if (value instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof AnnotationValue entryValue) {
          addClass(entryValue, classes);
        }
      }
    } else {
      addClass(array, classes);
    }
    return List.copyOf(classes);
  }

  private static void addClass(AnnotationValue value, List<RetryModel.ExceptionClass> classes) {
    if (value.getValue() instanceof DeclaredType type && type.getKind() == TypeKind.DECLARED
        && type.asElement() instanceof TypeElement element) {
      classes.add(new RetryModel.ExceptionClass(element, value));
    }
  }

  /** The constant's name, or empty if javac could not resolve it (it reports that itself). */
  private static String enumConstant(AnnotationValue value) {
    return value.getValue() instanceof VariableElement constant ? constant.getSimpleName().toString() : "";
  }

  private static double doubleOf(@Nullable AnnotationValue value, double otherwise) {
    return value != null && value.getValue() instanceof Number number ? number.doubleValue() : otherwise;
  }

  private static int intOf(@Nullable AnnotationValue value, int otherwise) {
    return value != null && value.getValue() instanceof Integer i ? i : otherwise;
  }

  /** The string, or {@code otherwise} if there is no value or javac could not make it a string. */
  static String stringOf(@Nullable AnnotationValue value, String otherwise) {
    return value != null && value.getValue() instanceof String s ? s : otherwise;
  }

  /** {@code name(SimpleParameterTypes)}, as in the messages. */
  static String signature(ExecutableElement method) {
    StringBuilder out = new StringBuilder(method.getSimpleName()).append('(');
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(simpleName(parameters.get(i).asType()));
    }
    return out.append(')').toString();
  }

  private static String simpleName(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) type).asElement().getSimpleName().toString();
    }
    return type.toString();
  }

  static @Nullable AnnotationMirror annotation(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  static @Nullable AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
