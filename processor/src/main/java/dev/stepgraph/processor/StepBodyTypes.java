package dev.stepgraph.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
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
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * The types a step method's body names as constants, read from javac's syntax tree: the first
 * argument of {@code Entity.of}, {@code new Entity}, {@code Relationship.of} and {@code new
 * Relationship}, and the argument of {@code entitiesByType} and {@code relationshipsByType} called
 * on the step's prior data ({@code ctx.prior()}, or a local variable of type {@code PriorData}).
 *
 * <p>Processors run before javac attributes method bodies, so names are resolved here by the
 * rules of Java, as far as a processor sees them: {@code Entity} is the runtime's when the file
 * imports it (or the whole package) and the connector declares no type of that name; a constant
 * is a string literal, a {@code +} of constants, a {@code final String} local initialized with
 * one, or a field whose value javac knows as a constant (of the connector, a class enclosing it,
 * a statically imported class, or a class the code names, as in {@code Types.HOST}). What this
 * cannot resolve (a variable, a helper method, code in a local or anonymous class) is left out:
 * the runtime checks it.
 */
final class StepBodyTypes {
  private static final String RUNTIME = "dev.stepgraph.runtime";

  private final Elements elements;
  private final Map<CompilationUnitTree, Imports> imports = new HashMap<>();
  private final Map<TypeElement, Map<String, Element>> members = new HashMap<>();

  StepBodyTypes(Elements elements) {
    this.elements = elements;
  }

  /** The types that {@code method}, a step of {@code connector} in {@code unit}, names as constants. */
  List<StepModel.TypeInBody> read(MethodTree method, CompilationUnitTree unit, TypeElement connector) {
    if (method.getBody() == null || method.getParameters().size() != 1) {
      return List.of();
    }
    Imports fileImports = imports.computeIfAbsent(unit, Imports::of);
    Body body = new Body(method, unit, connector, fileImports);
    body.scan(method.getBody(), null);
    return body.found;
  }

  /** What the file's imports and package make of a simple name. */
  private record Imports(
      String packageName, Map<String, String> single, List<String> onDemand,
      Map<String, List<String>> staticSingle, List<String> staticOnDemand) {

    static Imports of(CompilationUnitTree unit) {
      Map<String, String> single = new HashMap<>();
      List<String> onDemand = new ArrayList<>();
      Map<String, List<String>> staticSingle = new HashMap<>();
      List<String> staticOnDemand = new ArrayList<>();
      for (ImportTree i : unit.getImports()) {
        if (!(i.getQualifiedIdentifier() instanceof MemberSelectTree imported)) {
          continue;
        }
        String owner = imported.getExpression().toString();
        String name = imported.getIdentifier().toString();
        if (i.isStatic()) {
          if (name.equals("*")) {
            staticOnDemand.add(owner);
          } else {
            staticSingle.computeIfAbsent(name, k -> new ArrayList<>()).add(owner);
          }
        } else if (name.equals("*")) {
          onDemand.add(owner);
        } else {
          single.put(name, owner + "." + name);
        }
      }
      String packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      return new Imports(packageName, single, onDemand, staticSingle, staticOnDemand);
    }

    /** Whether the simple name {@code name} is {@code dev.stepgraph.runtime.<name>} in this file. */
    boolean importsRuntime(String name) {
      String imported = single.get(name);
      if (imported != null) {
        return imported.equals(RUNTIME + "." + name);
      }
      return packageName.equals(RUNTIME) || onDemand.contains(RUNTIME);
    }
  }

  /** One step body: its variables, then what it names. */
  private final class Body extends TreeScanner<Void, Void> {
    final CompilationUnitTree unit;
    final TypeElement connector;
    final Imports fileImports;
    final String context;
    /** Every variable the method declares (parameters, locals, lambda parameters), by name. */
    final Map<String, List<VariableTree>> variables = new HashMap<>();
    final List<StepModel.TypeInBody> found = new ArrayList<>();

    Body(MethodTree method, CompilationUnitTree unit, TypeElement connector, Imports fileImports) {
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
          && select.getExpression().toString().equals(RUNTIME);
    }

    /** Whether the connector, or a class enclosing it, has a member type of this name. */
    private boolean declaresType(String name) {
      for (Element type = connector; type instanceof TypeElement t; type = t.getEnclosingElement()) {
        Element member = member(t, name, true);
        if (member != null || t.getSimpleName().contentEquals(name)) {
          return true;
        }
      }
      return false;
    }

    /** {@code ctx.prior()}, or a variable of the method that is declared as the prior data. */
    private boolean isPriorData(ExpressionTree expression) {
      if (isPriorCall(expression)) {
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
        Tree type = declaration.getType();
        boolean declaredVar = type == null || type.toString().equals("var");
        boolean priorData = declaredVar
            ? declaration.getInitializer() != null && isPriorCall(declaration.getInitializer())
            : isRuntimeType(type, "PriorData");
        if (!priorData) {
          return false;
        }
      }
      return true;
    }

    /** {@code ctx.prior()}, {@code ctx} being the step's parameter. */
    private boolean isPriorCall(ExpressionTree expression) {
      return expression instanceof MethodInvocationTree call && call.getArguments().isEmpty()
          && call.getMethodSelect() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("prior")
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
        return owner == null ? null : constantOf(member(owner, select.getIdentifier().toString(), false));
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
        Element field = member(t, name, false);
        if (field != null) {
          return constantOf(field);
        }
      }
      List<String> owners = new ArrayList<>(fileImports.staticSingle().getOrDefault(name, List.of()));
      owners.addAll(fileImports.staticOnDemand());
      for (String owner : owners) {
        TypeElement type = typeElement(owner);
        Element field = type == null ? null : member(type, name, false);
        if (field != null) {
          return constantOf(field);
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
          if (member(t, name, true) instanceof TypeElement member) {
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
          return member(outer, select.getIdentifier().toString(), true) instanceof TypeElement member ? member : null;
        }
        return typeElement(select.toString());
      }
      return null;
    }

    private @Nullable TypeElement typeElement(String qualifiedName) {
      try {
        return elements.getTypeElement(qualifiedName);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /**
   * A field ({@code type} false) or member type ({@code type} true) of {@code owner}, its own before
   * inherited ones (which it hides).
   */
  private @Nullable Element member(TypeElement owner, String name, boolean type) {
    Map<String, Element> byName = members.computeIfAbsent(owner, o -> {
      Map<String, Element> all = new HashMap<>();
      for (List<? extends Element> list : List.of(o.getEnclosedElements(), elements.getAllMembers(o))) {
        for (Element member : list) {
          if (member.getKind().isField() || member.getKind().isClass() || member.getKind().isInterface()) {
            all.putIfAbsent((member.getKind().isField() ? "field " : "type ") + member.getSimpleName(), member);
          }
        }
      }
      return all;
    });
    return byName.get((type ? "type " : "field ") + name);
  }

  private static @Nullable Object constantOf(@Nullable Element field) {
    return field != null && field.getKind() == ElementKind.FIELD ? ((VariableElement) field).getConstantValue() : null;
  }
}
