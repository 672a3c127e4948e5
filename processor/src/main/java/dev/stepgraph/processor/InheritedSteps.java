package dev.stepgraph.processor;

import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/** Reads the {@code @Step} methods a connector inherits, which no graph runs ({@link InheritedStepCheck}). */
final class InheritedSteps {
  private final Elements elements;
  private final @Nullable Trees trees;

  InheritedSteps(Elements elements, @Nullable Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /**
   * The {@code @Step} methods of the superclasses of {@code type}, each the lowest {@code @Step}
   * declaration of its method: one that a {@code @Step} method further down overrides is not
   * listed (that one is a step of its own class, or listed itself).
   */
  List<ConnectorModel.InheritedStep> of(TypeElement type) {
    List<ConnectorModel.InheritedStep> inherited = new ArrayList<>();
    List<TypeElement> below = new ArrayList<>();
    below.add(type);
    for (TypeElement superclass = superclass(type); superclass != null; superclass = superclass(superclass)) {
      for (Element member : superclass.getEnclosedElements()) {
        AnnotationMirror step =
            member.getKind() == ElementKind.METHOD ? AnnotationValues.annotation(member, ModelReader.STEP) : null;
        if (step == null || overriddenByAStep((ExecutableElement) member, below, type)) {
          continue;
        }
        AnnotationValue idValue = AnnotationValues.explicitValue(step, "id");
        inherited.add(new ConnectorModel.InheritedStep((ExecutableElement) member,
            AnnotationValues.stringOf(idValue, ""), Signatures.of((ExecutableElement) member), superclass,
            superclass.getModifiers().contains(Modifier.ABSTRACT) && hasSource(superclass)));
      }
      below.add(superclass);
    }
    return inherited;
  }

  private boolean overriddenByAStep(ExecutableElement method, List<TypeElement> below, TypeElement type) {
    for (TypeElement lower : below) {
      for (Element member : lower.getEnclosedElements()) {
        if (member.getKind() == ElementKind.METHOD && AnnotationValues.annotation(member, ModelReader.STEP) != null
            && elements.overrides((ExecutableElement) member, method, type)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The superclass, or null at {@code Object} (or a class javac could not resolve). */
  static @Nullable TypeElement superclass(TypeElement type) {
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
}
