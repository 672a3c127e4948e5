package dev.stepgraph.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * What a name in one step body refers to, by the rules of Java as far as a processor sees them
 * before javac attributes the body: a variable of the method, a field or type of the connector or
 * a class enclosing it, or a class the file imports or its package holds.
 */
final class StepBodyNames {
  private final MemberLookup lookup;
  private final TypeElement connector;
  private final FileImports fileImports;
  /** Every variable the method declares (parameters, locals, lambda parameters), by name. */
  private final Map<String, List<VariableTree>> variables;

  /** @param variables every variable the method declares, by name, as {@link StepBodyScanner} found them */
  StepBodyNames(
      MemberLookup lookup, TypeElement connector, FileImports fileImports, Map<String, List<VariableTree>> variables) {
    this.lookup = lookup;
    this.connector = connector;
    this.fileImports = fileImports;
    this.variables = variables;
  }

  /** Every declaration of a variable of this name in the method, or null if it declares none. */
  @Nullable List<VariableTree> variable(String name) {
    return variables.get(name);
  }

  /** {@code dev.stepgraph.runtime.<name>}, written out or as a simple name this file imports. */
  boolean isRuntimeType(Tree type, String name) {
    if (type instanceof IdentifierTree identifier) {
      return identifier.getName().contentEquals(name) && !variables.containsKey(name)
          && fileImports.importsRuntime(name) && enclosingType(name) == null;
    }
    return type instanceof MemberSelectTree select && select.getIdentifier().contentEquals(name)
        && select.getExpression().toString().equals(FileImports.RUNTIME);
  }

  /** The connector, a class enclosing it, or a member type of one of them, of this simple name; else null. */
  private @Nullable TypeElement enclosingType(String name) {
    for (Element type = connector; type instanceof TypeElement t; type = t.getEnclosingElement()) {
      if (t.getSimpleName().contentEquals(name)) {
        return t;
      }
      if (lookup.member(t, name, true) instanceof TypeElement member) {
        return member;
      }
    }
    return null;
  }

  /** A field by its simple name: of the connector or a class around it, else statically imported. */
  @Nullable Element field(String name) {
    for (Element type = connector; type instanceof TypeElement t; type = t.getEnclosingElement()) {
      Element field = lookup.member(t, name, false);
      if (field != null) {
        return field;
      }
    }
    List<String> owners = new ArrayList<>(fileImports.staticSingle().getOrDefault(name, List.of()));
    owners.addAll(fileImports.staticOnDemand());
    for (String owner : owners) {
      TypeElement type = typeElement(owner);
      Element field = type == null ? null : lookup.member(type, name, false);
      if (field != null) {
        return field;
      }
    }
    return null;
  }

  /** A field of {@code owner}, its own or inherited, or null. */
  @Nullable Element field(TypeElement owner, String name) {
    return lookup.member(owner, name, false);
  }

  /** The class an expression names: a member type, an imported or same-package class, or a qualified name. */
  @Nullable TypeElement type(ExpressionTree expression) {
    if (expression instanceof IdentifierTree identifier) {
      String name = identifier.getName().toString();
      if (variables.containsKey(name)) {
        return null;
      }
      TypeElement enclosing = enclosingType(name);
      if (enclosing != null) {
        return enclosing;
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
