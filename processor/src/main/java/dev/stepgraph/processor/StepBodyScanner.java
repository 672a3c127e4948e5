package dev.stepgraph.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Walks one step body for {@link StepBodyTypes}: the calls {@link StepBodyCalls} recognizes, with
 * their first argument's value from {@link StepBodyConstants}, outside local and anonymous classes.
 */
final class StepBodyScanner extends TreeScanner<Void, Void> {
  private final CompilationUnitTree unit;
  private final StepBodyCalls calls;
  private final StepBodyConstants constants;
  final List<StepModel.TypeInBody> found = new ArrayList<>();
  final List<StepModel.ConfigInBody> configKeys = new ArrayList<>();

  StepBodyScanner(
      MemberLookup lookup,
      MethodTree method,
      CompilationUnitTree unit,
      TypeElement connector,
      FileImports fileImports) {
    this.unit = unit;
    StepBodyNames names = new StepBodyNames(lookup, method, connector, fileImports);
    this.calls = new StepBodyCalls(names, method.getParameters().get(0).getName().toString());
    this.constants = new StepBodyConstants(names);
  }

  /** Code in a local or anonymous class may run anywhere, for anyone: left to the runtime. */
  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    StepModel.Use use = calls.typeUse(tree);
    if (use != null) {
      add(use, tree.getArguments().get(0));
    } else {
      String method = calls.configRead(tree); // then the key is the first argument
      if (method != null && constants.of(tree.getArguments().get(0)) instanceof String key) {
        configKeys.add(new StepModel.ConfigInBody(key, method, tree.getArguments().get(0), unit));
      }
    }
    return super.visitMethodInvocation(tree, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    StepModel.Use use = calls.typeUse(tree);
    if (use != null) {
      add(use, tree.getArguments().get(0));
    }
    scan(tree.getEnclosingExpression(), unused);
    scan(tree.getArguments(), unused);
    return null; // not into an anonymous class's body
  }

  private void add(StepModel.Use use, ExpressionTree argument) {
    if (constants.of(argument) instanceof String type) {
      found.add(new StepModel.TypeInBody(use, type, argument, unit));
    }
  }
}
