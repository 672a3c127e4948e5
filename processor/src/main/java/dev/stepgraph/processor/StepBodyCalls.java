package dev.stepgraph.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which calls of one step body name a data type or a configuration key by their first argument:
 * the runtime's methods that create entities and relationships or read them from the prior data,
 * and those that read the configuration, on the step's context {@code ctx}.
 */
final class StepBodyCalls {
  private final StepBodyNames names;
  /** The name of the step's parameter, its context. */
  private final String context;

  StepBodyCalls(StepBodyNames names, String context) {
    this.names = names;
    this.context = context;
  }

  /**
   * What the call does with the data type its first argument names: {@code prior.entitiesByType},
   * {@code prior.relationshipsByType}, {@code Entity.of}, {@code Relationship.of}; else null.
   */
  StepModel.@Nullable Use typeUse(MethodInvocationTree tree) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select) || tree.getArguments().isEmpty()) {
      return null;
    }
    String name = select.getIdentifier().toString();
    int arguments = tree.getArguments().size();
    if (arguments == 1 && name.equals("entitiesByType") && isPriorData(select.getExpression())) {
      return StepModel.Use.READS_ENTITIES;
    } else if (arguments == 1 && name.equals("relationshipsByType") && isPriorData(select.getExpression())) {
      return StepModel.Use.READS_RELATIONSHIPS;
    } else if (name.equals("of") && names.isRuntimeType(select.getExpression(), "Entity")) {
      return StepModel.Use.CREATES_ENTITY;
    } else if (name.equals("of") && names.isRuntimeType(select.getExpression(), "Relationship")) {
      return StepModel.Use.CREATES_RELATIONSHIP;
    }
    return null;
  }

  /** What {@code new Entity(type, ...)} and {@code new Relationship(type, ...)} do with their first argument; else null. */
  StepModel.@Nullable Use typeUse(NewClassTree tree) {
    if (tree.getClassBody() != null || tree.getEnclosingExpression() != null || tree.getArguments().isEmpty()) {
      return null;
    }
    if (names.isRuntimeType(tree.getIdentifier(), "Entity")) {
      return StepModel.Use.CREATES_ENTITY;
    } else if (names.isRuntimeType(tree.getIdentifier(), "Relationship")) {
      return StepModel.Use.CREATES_RELATIONSHIP;
    }
    return null;
  }

  /**
   * The name of the configuration's method the call reads a key with, its first argument: {@code
   * require(key)}, {@code get(key)}, {@code getInt(key, default)} and the like; else null.
   */
  @Nullable String configRead(MethodInvocationTree tree) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select) || tree.getArguments().isEmpty()) {
      return null;
    }
    String name = select.getIdentifier().toString();
    return isConfigRead(name, tree.getArguments().size()) && isConfig(select.getExpression()) ? name : null;
  }

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
    List<VariableTree> declarations = names.variable(identifier.getName().toString());
    if (declarations == null) {
      return false;
    }
    for (VariableTree declaration : declarations) {
      Tree declaredType = declaration.getType();
      boolean declaredVar = declaredType == null || declaredType.toString().equals("var");
      boolean matches = declaredVar
          ? declaration.getInitializer() != null && isContextCall(declaration.getInitializer(), accessor)
          : names.isRuntimeType(declaredType, type);
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
}
