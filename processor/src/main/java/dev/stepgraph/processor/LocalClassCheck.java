package dev.stepgraph.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * {@code @Step} in a local or anonymous class. javac does not show such classes to processors, so
 * this scans the syntax tree of a file that has connectors: such a step would otherwise be
 * silently ignored. Matches the annotation by name ({@code Step} imported from {@code
 * dev.stepgraph}, or {@code dev.stepgraph.Step}), since local classes are not attributed yet.
 */
final class LocalClassCheck {
  private final Trees trees;

  LocalClassCheck(Trees trees) {
    this.trees = trees;
  }

  /** Scans each file that declares one of {@code types}, once. */
  void checkFilesOf(List<TypeElement> types, Reporter reporter) {
    Set<CompilationUnitTree> units = new LinkedHashSet<>();
    for (TypeElement type : types) {
      try {
        TreePath path = trees.getPath(type);
        if (path != null && units.add(path.getCompilationUnit())) {
          check(path.getCompilationUnit(), reporter);
        }
      } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
        reporter.error(FailureMessages.bug("the file of " + type.getQualifiedName(), e), type);
      }
    }
  }

  private void check(CompilationUnitTree unit, Reporter reporter) {
    boolean stepImported = false;
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      if (!i.isStatic() && (name.equals(ModelReader.STEP) || name.equals("dev.stepgraph.*"))) {
        stepImported = true;
      }
    }
    boolean imported = stepImported || unit.getPackageName() != null && unit.getPackageName().toString().equals("dev.stepgraph");
    new TreeScanner<Void, Boolean>() {
      @Override
      public Void visitClass(ClassTree tree, Boolean local) {
        if (local) {
          for (Tree member : tree.getMembers()) {
            if (member instanceof MethodTree method) {
              for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
                String type = annotation.getAnnotationType().toString();
                if (type.equals(ModelReader.STEP) || (imported && type.equals("Step"))) {
                  report(tree, method, annotation, unit, reporter);
                }
              }
            }
          }
        }
        // Members of a class are not local, but code inside its methods is.
        return super.visitClass(tree, local);
      }

      /**
       * Code makes every class in it local: a block (a method body, an initializer), a lambda, a
       * {@code new} expression (an anonymous class) and a variable's initializer (a field's too).
       */
      @Override
      public Void scan(Tree tree, Boolean local) {
        return super.scan(tree, local || tree instanceof BlockTree || tree instanceof LambdaExpressionTree
            || tree instanceof NewClassTree || tree instanceof VariableTree);
      }
    }.scan(unit, false);
  }

  private void report(ClassTree type, MethodTree method, AnnotationTree annotation, CompilationUnitTree unit, Reporter reporter) {
    String kind = type.getSimpleName().length() == 0 ? "an anonymous class" : "local class " + type.getSimpleName();
    String signature = method.getName() + method.getParameters().stream()
        .map(p -> simpleName(p.getType().toString()))
        .collect(Collectors.joining(", ", "(", ")"));
    reporter.error(
        "@Step method " + signature + " is declared in " + kind + ", which the processor cannot see and generated"
            + " code cannot reach: move it to a top-level or static nested class",
        trees, annotation, unit);
  }

  private static String simpleName(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }
}
