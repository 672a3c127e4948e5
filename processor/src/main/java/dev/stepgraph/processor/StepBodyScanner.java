package dev.stepgraph.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/** One step body read by {@link StepBodyTypes}: its variables, then the types it names. */
final class StepBodyScanner extends TreeScanner<Void, Void> {
  private final MemberLookup lookup;
  final CompilationUnitTree unit;
  final TypeElement connector;
  final FileImports fileImports;
  final String context;
  /** Every variable the method declares (parameters, locals, lambda parameters), by name. */
  final Map<String, List<VariableTree>> variables = new HashMap<>();
  final List<StepModel.TypeInBody> found = new ArrayList<>();
  final List<StepModel.ConfigInBody> configKeys = new ArrayList<>();

  StepBodyScanner(
      MemberLookup lookup,
      MethodTree method,
      CompilationUnitTree unit,
      TypeElement connector,
      FileImports fileImports) {
    this.lookup = lookup;
    this.unit = unit;
    this.connector = connector;
    this.fileImports = fileImports;
    this.context = method.getParameters().get(0).getName().toString();
    for (VariableTree parameter : method.getParameters()) {
      variables.computeIfAbsent(parameter.getName().toString(), k -> new ArrayList<>()).add(parameter);
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        variables.computeIfAbsent(tree.getName().toString(), k -> new ArrayList<>()).add(tree);
        return super.visitVariable(tree, unused);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null; // a local or anonymous class has variables of its own
      }
    }.scan(method.getBody(), null);
  }

  /** Code in a local or anonymous class may run anywhere, for anyone: left to the runtime. */
  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if (tree.getMethodSelect() instanceof MemberSelectTree select && !tree.getArguments().isEmpty()) {
      String name = select.getIdentifier().toString();
      ExpressionTree argument = tree.getArguments().get(0);
      if (tree.getArguments().size() == 1 && name.equals("entitiesByType") && isPriorData(select.getExpression())) {
        add(StepModel.Use.READS_ENTITIES, argument);
      } else if (tree.getArguments().size() == 1 && name.equals("relationshipsByType")
          && isPriorData(select.getExpression())) {
        add(StepModel.Use.READS_RELATIONSHIPS, argument);
      } else if (isConfigRead(name, tree.getArguments().size()) && isConfig(select.getExpression())) {
        if (constant(argument, 0) instanceof String key) {
          configKeys.add(new StepModel.ConfigInBody(key, name, argument, unit));
        }
      } else if (name.equals("of") && isRuntimeType(select.getExpression(), "Entity")) {
        add(StepModel.Use.CREATES_ENTITY, argument);
      } else if (name.equals("of") && isRuntimeType(select.getExpression(), "Relationship")) {
        add(StepModel.Use.CREATES_RELATIONSHIP, argument);
      }
    }
    return super.visitMethodInvocation(tree, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    if (tree.getClassBody() == null && tree.getEnclosingExpression() == null && !tree.getArguments().isEmpty()) {
      if (isRuntimeType(tree.getIdentifier(), "Entity")) {
        add(StepModel.Use.CREATES_ENTITY, tree.getArguments().get(0));
      } else if (isRuntimeType(tree.getIdentifier(), "Relationship")) {
        add(StepModel.Use.CREATES_RELATIONSHIP, tree.getArguments().get(0));
      }
    }
    scan(tree.getEnclosingExpression(), unused);
    scan(tree.getArguments(), unused);
    return null; // not into an anonymous class's body
  }

  private void add(StepModel.Use use, ExpressionTree argument) {
    if (constant(argument, 0) instanceof String type) {
      found.add(new StepModel.TypeInBody(use, type, argument, unit));
    }
  }

  /** {@code dev.stepgraph.runtime.<name>}, written out or as a simple name this file imports. */
  private boolean isRuntimeType(Tree type, String name) {
    if (type instanceof IdentifierTree identifier) {
      return identifier.getName().contentEquals(name) && !variables.containsKey(name)
          && fileImports.importsRuntime(name) && !declaresType(name);
    }
    return type instanceof MemberSelectTree select && select.getIdentifier().contentEquals(name)
        && select.getExpression().toString().equals(FileImports.RUNTIME);
  }

  /** Whether the connector, or a class enclosing it, has a member type of this name. */
  private boolean declaresType(String name) {
    for (Element type = connector; type instanceof TypeElement t; type = t.getEnclosingElement()) {
      Element member = lookup.member(t, name, true);
      if (member != null || t.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /** {@code Config.require(key)}, {@code get(key)}, {@code getInt(key, default)} and the like. */
  private static boolean isConfigRead(String method, int arguments) {
    return switch (method) {
      case "require", "get" -> arguments == 1;
      case "getInt", "getLong", "getBoolean" -> arguments == 2;
      default -> false;
    };
  }

  /** {@code ctx.prior()}, or a variable of the method that is declared as the prior data. */
  private boolean isPriorData(ExpressionTree expression) {
    return isContextValue(expression, "prior", "PriorData");
  }

  /** {@code ctx.config()}, or a variable of the method that is declared as the configuration. */
  private boolean isConfig(ExpressionTree expression) {
    return isContextValue(expression, "config", "Config");
  }

  /**
   * {@code ctx.<accessor>()}, or a variable of the method every declaration of which is of the
   * runtime's {@code type}, or a {@code var} initialized with {@code ctx.<accessor>()}.
   */
  private boolean isContextValue(ExpressionTree expression, String accessor, String type) {
    if (isContextCall(expression, accessor)) {
      return true;
    }
    if (!(expression instanceof IdentifierTree identifier)) {
      return false;
    }
    List<VariableTree> declarations = variables.get(identifier.getName().toString());
    if (declarations == null) {
      return false;
    }
    for (VariableTree declaration : declarations) {
      Tree declaredType = declaration.getType();
      boolean declaredVar = declaredType == null || declaredType.toString().equals("var");
      boolean matches = declaredVar
          ? declaration.getInitializer() != null && isContextCall(declaration.getInitializer(), accessor)
          : isRuntimeType(declaredType, type);
      if (!matches) {
        return false;
      }
    }
    return true;
  }

  /** {@code ctx.<accessor>()}, {@code ctx} being the step's parameter. */
  private boolean isContextCall(ExpressionTree expression, String accessor) {
    return expression instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals(accessor)
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals(context);
  }

  /** The value of a constant expression, or null if this cannot tell. */
  private @Nullable Object constant(ExpressionTree expression, int depth) {
    if (depth > 16) {
      return null;
    }
    if (expression instanceof LiteralTree literal) {
      return literal.getValue();
    }
    if (expression instanceof ParenthesizedTree parenthesized) {
      return constant(parenthesized.getExpression(), depth + 1);
    }
    if (expression instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
      Object left = constant(binary.getLeftOperand(), depth + 1);
      Object right = left == null ? null : constant(binary.getRightOperand(), depth + 1);
      return left != null && right != null && (left instanceof String || right instanceof String)
          ? String.valueOf(left) + right : null;
    }
    if (expression instanceof IdentifierTree identifier) {
      String name = identifier.getName().toString();
      List<VariableTree> declarations = variables.get(name);
      return declarations != null ? localConstant(declarations, depth) : fieldConstant(name);
    }
    if (expression instanceof MemberSelectTree select) {
      TypeElement owner = type(select.getExpression());
      return owner == null ? null : MemberLookup.constantOf(lookup.member(owner, select.getIdentifier().toString(), false));
    }
    return null;
  }

  /** A {@code final String} local initialized with a constant, the same in every declaration of the name. */
  private @Nullable Object localConstant(List<VariableTree> declarations, int depth) {
    Object value = null;
    for (VariableTree declaration : declarations) {
      Tree type = declaration.getType();
      if (!declaration.getModifiers().getFlags().contains(Modifier.FINAL) || declaration.getInitializer() == null
          || type == null || !(type.toString().equals("String") || type.toString().equals("java.lang.String"))) {
        return null;
      }
      Object initial = constant(declaration.getInitializer(), depth + 1);
      if (initial == null || (value != null && !value.equals(initial))) {
        return null;
      }
      value = initial;
    }
    return value;
  }

  /** A field by its simple name: of the connector or a class around it, else statically imported. */
  private @Nullable Object fieldConstant(String name) {
    for (Element type = connector; type instanceof TypeElement t; type = t.getEnclosingElement()) {
      Element field = lookup.member(t, name, false);
      if (field != null) {
        return MemberLookup.constantOf(field);
      }
    }
    List<String> owners = new ArrayList<>(fileImports.staticSingle().getOrDefault(name, List.of()));
    owners.addAll(fileImports.staticOnDemand());
    for (String owner : owners) {
      TypeElement type = typeElement(owner);
      Element field = type == null ? null : lookup.member(type, name, false);
      if (field != null) {
        return MemberLookup.constantOf(field);
      }
    }
    return null;
  }

  /** The class an expression names: a member type, an imported or same-package class, or a qualified name. */
  private @Nullable TypeElement type(ExpressionTree expression) {
    if (expression instanceof IdentifierTree identifier) {
      String name = identifier.getName().toString();
      if (variables.containsKey(name)) {
        return null;
      }
      for (Element type = connector; type instanceof TypeElement t; type = t.getEnclosingElement()) {
        if (t.getSimpleName().contentEquals(name)) {
          return t;
        }
        if (lookup.member(t, name, true) instanceof TypeElement member) {
          return member;
        }
      }
      String imported = fileImports.single().get(name);
      if (imported != null) {
        return typeElement(imported);
      }
      TypeElement samePackage = typeElement(
          fileImports.packageName().isEmpty() ? name : fileImports.packageName() + "." + name);
      if (samePackage != null) {
        return samePackage;
      }
      for (String owner : fileImports.onDemand()) {
        TypeElement onDemand = typeElement(owner + "." + name);
        if (onDemand != null) {
          return onDemand;
        }
      }
      return null;
    }
    if (expression instanceof MemberSelectTree select) {
      TypeElement outer = type(select.getExpression());
      if (outer != null) {
        return lookup.member(outer, select.getIdentifier().toString(), true) instanceof TypeElement member ? member : null;
      }
      return typeElement(select.toString());
    }
    return null;
  }

  private @Nullable TypeElement typeElement(String qualifiedName) {
    try {
      return lookup.type(qualifiedName);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
