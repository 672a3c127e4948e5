package dev.stepgraph.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * Reads one step body for {@link StepBodyTypes} in a single walk, outside local and anonymous
 * classes: the variables the method declares, which {@link StepBodyNames} resolves names against,
 * and the calls and {@code new} expressions, in source order. Only once every name is known are the
 * calls {@link StepBodyCalls} recognizes picked out, with their first argument's value from {@link
 * StepBodyConstants}: a variable declared after a call still shadows a field for it.
 */
final class StepBodyScanner extends TreeScanner<Void, Void> {
  /** Every variable the method declares (parameters, locals, lambda parameters), by name. */
  private final Map<String, List<VariableTree>> variables = new HashMap<>();
  /** Every {@link MethodInvocationTree} and {@link NewClassTree}, in source order. */
  private final List<ExpressionTree> calls = new ArrayList<>();

  private StepBodyScanner() {}

  /** What the body of {@code method}, a step of {@code connector} in {@code unit}, names as constants. */
  static StepBodyTypes.Found read(
      MemberLookup lookup, MethodTree method, CompilationUnitTree unit, TypeElement connector, FileImports fileImports) {
    StepBodyScanner scanner = new StepBodyScanner();
    for (VariableTree parameter : method.getParameters()) {
      scanner.declare(parameter);
    }
    scanner.scan(method.getBody(), null);
    StepBodyNames names = new StepBodyNames(lookup, connector, fileImports, scanner.variables);
    StepBodyCalls calls = new StepBodyCalls(names, method.getParameters().get(0).getName().toString());
    StepBodyConstants constants = new StepBodyConstants(names);
    List<StepModel.TypeInBody> types = new ArrayList<>();
    List<StepModel.ConfigInBody> configKeys = new ArrayList<>();
    for (ExpressionTree call : scanner.calls) {
      StepModel.Use use = null;
      List<? extends ExpressionTree> arguments = List.of();
      if (call instanceof MethodInvocationTree invocation) {
        use = calls.typeUse(invocation);
        arguments = invocation.getArguments();
        String read = use == null ? calls.configRead(invocation) : null; // then the key is the first argument
        if (read != null && constants.of(arguments.get(0)) instanceof String key) {
          configKeys.add(new StepModel.ConfigInBody(key, read, arguments.get(0), unit));
        }
      } else if (call instanceof NewClassTree creation) {
        use = calls.typeUse(creation);
        arguments = creation.getArguments();
      }
      if (use != null && constants.of(arguments.get(0)) instanceof String type) {
        types.add(new StepModel.TypeInBody(use, type, arguments.get(0), unit));
      }
    }
    return new StepBodyTypes.Found(types, configKeys);
  }

  private void declare(VariableTree variable) {
    variables.computeIfAbsent(variable.getName().toString(), k -> new ArrayList<>()).add(variable);
  }

  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    declare(tree);
    return super.visitVariable(tree, unused);
  }

  /** Code in a local or anonymous class may run anywhere, for anyone: left to the runtime. */
  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    calls.add(tree);
    return super.visitMethodInvocation(tree, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    calls.add(tree);
    scan(tree.getEnclosingExpression(), unused);
    scan(tree.getArguments(), unused);
    return null; // not into an anonymous class's body
  }
}
