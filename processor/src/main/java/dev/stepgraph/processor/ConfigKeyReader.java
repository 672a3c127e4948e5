package dev.stepgraph.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code @ConfigKey} annotations of a class, in declaration order: written once, or
 * repeated (javac then wraps them in a {@code @ConfigKeys} it synthesizes), or inside a {@code
 * @ConfigKeys} written out. Values come from the annotation mirrors; with javac's tree API, the
 * position of each {@code name} comes from the source, as a repeated annotation's mirror has none.
 */
final class ConfigKeyReader {
  static final String CONFIG_KEY = "dev.stepgraph.ConfigKey";
  static final String CONFIG_KEYS = "dev.stepgraph.ConfigKeys";

  private final Elements elements;
  private final @Nullable Trees trees;

  ConfigKeyReader(Elements elements, @Nullable Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /** The class's {@code @ConfigKey} mirrors, in declaration order. */
  static List<AnnotationMirror> mirrors(Element type) {
    List<AnnotationMirror> mirrors = new ArrayList<>();
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.equals(CONFIG_KEY)) {
        mirrors.add(mirror);
      } else if (name.equals(CONFIG_KEYS)) {
        for (AnnotationValue entry : AnnotationValues.entries(AnnotationValues.explicitValue(mirror, "value"))) {
          if (entry.getValue() instanceof AnnotationMirror key) {
            mirrors.add(key);
          }
        }
      }
    }
    return mirrors;
  }

  List<ConfigKeyModel> read(TypeElement type) {
    List<AnnotationMirror> mirrors = mirrors(type);
    if (mirrors.isEmpty()) {
      return List.of();
    }
    List<ConfigKeyModel.SourceTree> names = nameTrees(type, mirrors.size());
    List<ConfigKeyModel> keys = new ArrayList<>(mirrors.size());
    for (int i = 0; i < mirrors.size(); i++) {
      AnnotationMirror mirror = mirrors.get(i);
      Map<String, AnnotationValue> values = AnnotationValues.withDefaults(elements, mirror);
      keys.add(new ConfigKeyModel(
          AnnotationValues.stringOf(values.get("name"), ""),
          AnnotationValues.booleanOf(values.get("required")),
          AnnotationValues.booleanOf(values.get("secret")),
          AnnotationValues.stringOf(values.get("description"), ""),
          mirror,
          AnnotationValues.explicitValue(mirror, "name"),
          names == null ? null : names.get(i)));
    }
    return keys;
  }

  /**
   * The {@code name} expression of each {@code @ConfigKey} in the source, in order; null without
   * the tree API, or when the source does not hold as many as the mirrors (then each is reported
   * where its mirror is).
   */
  private @Nullable List<ConfigKeyModel.SourceTree> nameTrees(TypeElement type, int count) {
    Trees trees = this.trees;
    if (trees == null) {
      return null;
    }
    try {
      TreePath path = trees.getPath(type);
      if (path == null || !(path.getLeaf() instanceof ClassTree classTree)) {
        return null;
      }
      List<AnnotationTree> annotations = new ArrayList<>();
      for (AnnotationTree annotation : classTree.getModifiers().getAnnotations()) {
        String name = simpleName(annotation);
        if (name.equals("ConfigKey")) {
          annotations.add(annotation);
        } else if (name.equals("ConfigKeys")) {
          for (ExpressionTree argument : annotation.getArguments()) {
            ExpressionTree value = argument instanceof AssignmentTree assignment ? assignment.getExpression() : argument;
            if (value instanceof NewArrayTree array && array.getInitializers() != null) {
              for (ExpressionTree element : array.getInitializers()) {
                if (element instanceof AnnotationTree key) {
                  annotations.add(key);
                }
              }
            } else if (value instanceof AnnotationTree key) {
              annotations.add(key);
            }
          }
        }
      }
      if (annotations.size() != count) {
        return null;
      }
      List<ConfigKeyModel.SourceTree> names = new ArrayList<>(count);
      for (AnnotationTree annotation : annotations) {
        ExpressionTree name = null;
        for (ExpressionTree argument : annotation.getArguments()) {
          if (argument instanceof AssignmentTree assignment
              && assignment.getVariable() instanceof IdentifierTree variable
              && variable.getName().contentEquals("name")) {
            name = assignment.getExpression();
          }
        }
        names.add(new ConfigKeyModel.SourceTree(trees, name != null ? name : annotation, path.getCompilationUnit()));
      }
      return names;
    } catch (RuntimeException e) {
      return null; // positions from the mirrors, then
    }
  }

  /** {@code ConfigKey} for {@code @ConfigKey} and {@code @dev.stepgraph.ConfigKey}. */
  private static String simpleName(AnnotationTree annotation) {
    String written = annotation.getAnnotationType().toString();
    return written.substring(written.lastIndexOf('.') + 1);
  }
}
