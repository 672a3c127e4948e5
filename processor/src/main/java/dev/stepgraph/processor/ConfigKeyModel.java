package dev.stepgraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @ConfigKey} of a connector class, as written.
 *
 * @param name {@code name}, as javac evaluated it (a constant's value)
 * @param required {@code required}, false by default
 * @param secret {@code secret}, false by default
 * @param description {@code description}, empty by default
 * @param annotation the annotation
 * @param nameValue its {@code name} value: where the caret goes when the annotation stands alone
 * @param nameTree the {@code name} expression in the source, where the caret goes when it is
 *     repeated (javac's synthesized container has no position of its own); null without the tree
 *     API
 */
record ConfigKeyModel(
    String name,
    boolean required,
    boolean secret,
    String description,
    AnnotationMirror annotation,
    @Nullable AnnotationValue nameValue,
    @Nullable SourceTree nameTree) {

  /**
   * An expression in the source.
   *
   * @param trees javac's tree API
   * @param tree the expression
   * @param unit its file
   */
  record SourceTree(Trees trees, Tree tree, CompilationUnitTree unit) {}

  /** Reports an error on the key's name. */
  void error(String message, TypeElement connector, Reporter reporter) {
    SourceTree at = nameTree;
    if (at != null) {
      reporter.error(message, at.trees(), at.tree(), at.unit());
    } else {
      reporter.error(message, connector, annotation, nameValue);
    }
  }
}
