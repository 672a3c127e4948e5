package dev.stepgraph.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * The value of a constant expression in one step body: a literal, a {@code +} of constants, a
 * {@code final String} local initialized with one, or a field whose value javac knows as a
 * constant, found through {@link StepBodyNames}.
 */
final class StepBodyConstants {
  private final StepBodyNames names;

  StepBodyConstants(StepBodyNames names) {
    this.names = names;
  }

  /** The value of a constant expression, or null if this cannot tell. */
  @Nullable Object of(ExpressionTree expression) {
    return constant(expression, 0);
  }

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
      List<VariableTree> declarations = names.variable(name);
      return declarations != null ? localConstant(declarations, depth) : MemberLookup.constantOf(names.field(name));
    }
    if (expression instanceof MemberSelectTree select) {
      TypeElement owner = names.type(select.getExpression());
      return owner == null ? null : MemberLookup.constantOf(names.field(owner, select.getIdentifier().toString()));
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
}
