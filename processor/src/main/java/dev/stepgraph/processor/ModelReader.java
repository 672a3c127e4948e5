package dev.stepgraph.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
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

  private final Elements elements;
  private final @Nullable Trees trees;

  /**
   * @param trees javac's tree API, for reading all doc comments of a class in one pass; null
   *     outside javac (then each is read through {@link Elements#getDocComment}, which javac
   *     answers by scanning the whole file: quadratic on a 10,000-step connector)
   */
  ModelReader(Elements elements, @Nullable Trees trees) {
    this.elements = elements;
    this.trees = trees;
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
    List<StepModel> steps = new ArrayList<>();
    List<ConnectorModel.RetryWithoutStep> retriesWithoutStep = new ArrayList<>();
    Map<Element, String> docComments = null;
    boolean docCommentsRead = false;
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD) {
        continue;
      }
      AnnotationMirror step = annotation(member, STEP);
      if (step != null) {
        if (!docCommentsRead) {
          docComments = docComments(type);
          docCommentsRead = true;
        }
        steps.add(readStep((ExecutableElement) member, step, docComments));
      } else {
        AnnotationMirror retry = annotation(member, RETRY);
        if (retry != null) {
          retriesWithoutStep.add(new ConnectorModel.RetryWithoutStep(
              (ExecutableElement) member, retry, signature((ExecutableElement) member)));
        }
      }
    }
    return new ConnectorModel(type, connector, explicitId.isEmpty() ? null : idValue, id, description, steps,
        onDependencyFailure, onDependencyFailureValue, retriesWithoutStep, inheritedSteps(type));
  }

  /**
   * The {@code @Step} methods of the superclasses of {@code type}, each the lowest {@code @Step}
   * declaration of its method: one that a {@code @Step} method further down overrides is not
   * listed (that one is a step of its own class, or listed itself).
   */
  private List<ConnectorModel.InheritedStep> inheritedSteps(TypeElement type) {
    List<ConnectorModel.InheritedStep> inherited = new ArrayList<>();
    List<TypeElement> below = new ArrayList<>();
    below.add(type);
    for (TypeElement superclass = superclass(type); superclass != null; superclass = superclass(superclass)) {
      for (Element member : superclass.getEnclosedElements()) {
        AnnotationMirror step = member.getKind() == ElementKind.METHOD ? annotation(member, STEP) : null;
        if (step == null || overriddenByAStep((ExecutableElement) member, below, type)) {
          continue;
        }
        AnnotationValue idValue = explicitValue(step, "id");
        inherited.add(new ConnectorModel.InheritedStep((ExecutableElement) member,
            stringOf(idValue, ""), signature((ExecutableElement) member), superclass,
            superclass.getModifiers().contains(Modifier.ABSTRACT) && hasSource(superclass)));
      }
      below.add(superclass);
    }
    return inherited;
  }

  private boolean overriddenByAStep(ExecutableElement method, List<TypeElement> below, TypeElement type) {
    for (TypeElement lower : below) {
      for (Element member : lower.getEnclosedElements()) {
        if (member.getKind() == ElementKind.METHOD && annotation(member, STEP) != null
            && elements.overrides((ExecutableElement) member, method, type)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The superclass, or null at {@code Object} (or a class javac could not resolve). */
  private static @Nullable TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
    return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
  }

  /** Whether {@code type} is compiled from source now (not read from a class file). */
  private boolean hasSource(TypeElement type) {
    if (trees == null) {
      return false;
    }
    try {
      return trees.getPath(type) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The doc comments of the methods of {@code type}, read in one pass; null if unavailable. */
  private @Nullable Map<Element, String> docComments(TypeElement type) {
    if (trees == null) {
      return null;
    }
    Map<Element, String> docs = new HashMap<>();
    try {
      TreePath typePath = trees.getPath(type);
      if (typePath == null || !(typePath.getLeaf() instanceof ClassTree classTree)) {
        return null;
      }
      for (Tree member : classTree.getMembers()) {
        if (member instanceof MethodTree) {
          TreePath path = new TreePath(typePath, member);
          Element element = trees.getElement(path);
          String doc = trees.getDocComment(path);
          if (element != null && doc != null) {
            docs.put(element, doc);
          }
        }
      }
    } catch (RuntimeException e) {
      return null; // fall back to Elements.getDocComment
    }
    return docs;
  }

  private StepModel readStep(ExecutableElement method, AnnotationMirror step, @Nullable Map<Element, String> docComments) {
    AnnotationValue idValue = explicitValue(step, "id");
    String id = stringOf(idValue, "");
    AnnotationValue descriptionValue = explicitValue(step, "description");
    String description = stringOf(descriptionValue, "");
    if (description.isEmpty()) {
      String doc = docComments == null ? elements.getDocComment(method) : docComments.get(method);
      description = DocComments.firstSentence(doc);
    }
    List<StepModel.Dependency> dependsOn = new ArrayList<>();
    AnnotationValue dependsOnValue = explicitValue(step, "dependsOn");
    if (dependsOnValue != null) {
      Object value = dependsOnValue.getValue();
      if (value instanceof List<?> list) {
        for (Object entry : list) {
          if (entry instanceof AnnotationValue entryValue && entryValue.getValue() instanceof String dependency) {
            dependsOn.add(new StepModel.Dependency(dependency, entryValue));
          }
        }
      } else if (value instanceof String dependency) {
        dependsOn.add(new StepModel.Dependency(dependency, dependsOnValue));
      }
    }
    AnnotationValue timeoutValue = explicitValue(step, "timeout");
    String timeout = stringOf(timeoutValue, "");
    AnnotationValue onDependencyFailureValue = explicitValue(step, "onDependencyFailure");
    String onDependencyFailure = onDependencyFailureValue == null ? "INHERIT" : enumConstant(onDependencyFailureValue);
    AnnotationMirror retry = annotation(method, RETRY);
    return new StepModel(method, step, id, idValue, description, dependsOn, signature(method), timeout, timeoutValue,
        onDependencyFailure, onDependencyFailureValue, retry == null ? null : readRetry(retry));
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
        explicitValue(retry, "jitter"));
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
  private static String stringOf(@Nullable AnnotationValue value, String otherwise) {
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

  private static @Nullable AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
