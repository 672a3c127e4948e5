package dev.stepgraph.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The connector class: a class (not an interface, enum or record) that the generated code in the
 * same package can reach and instantiate, with a valid connector id. An abstract class is no
 * connector: {@link InheritedStepCheck} reports its steps, and this check does not run on it.
 */
final class ConnectorTypeCheck implements ConnectorCheck {
  private final AllowedThrows constructorThrows;

  /** @param constructorThrows what the no-argument constructor may throw: unchecked exceptions */
  ConnectorTypeCheck(AllowedThrows constructorThrows) {
    this.constructorThrows = constructorThrows;
  }

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    TypeElement type = connector.type();
    String name = connector.qualifiedName();
    String generated = GeneratedTypes.graphClassSimpleName(type);
    if (type.getKind() != ElementKind.CLASS) {
      String kind = kindName(type.getKind());
      reporter.error(
          "@Step methods are declared in " + kind + " " + name + ", but a connector must be a class: move the @Step"
              + " methods to a class with a no-argument constructor",
          type, connector.annotation(), null);
      return;
    }
    NestingKind nesting = type.getNestingKind();
    if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
      reporter.error(
          "connector " + name + " is a " + (nesting == NestingKind.LOCAL ? "local" : "anonymous")
              + " class, which generated code cannot reach: move it to a top-level or static nested class",
          type, connector.annotation(), null);
      return;
    }
    if (nesting == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(
          "connector " + name + " is an inner class, so the generated " + generated
              + " cannot create it without an instance of " + type.getEnclosingElement().getSimpleName()
              + ": make it a static nested class",
          type, connector.annotation(), null);
    }
    boolean privateClass = false;
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(
            "connector " + name + (t == type ? " is private" : " is nested in private class " + t.getQualifiedName())
                + ", so the generated " + generated + " in the same package cannot reach it: make "
                + (t == type ? "it" : t.getSimpleName()) + " package-private or public",
            type, connector.annotation(), null);
        privateClass = true;
        break;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(
          "connector " + name + " is generic, but the generated " + generated
              + " creates it with new " + type.getSimpleName() + "(): remove the type parameters",
          type, connector.annotation(), null);
    }
    if (!(privateClass && type.getModifiers().contains(Modifier.PRIVATE))) {
      // A private class's implicit constructor is private too; the error above covers it.
      checkConstructor(connector, type, name, generated, reporter);
    }
    checkId(connector, reporter);
  }

  private void checkConstructor(ConnectorModel connector, TypeElement type, String name, String generated, Reporter reporter) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty() && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
        for (TypeMirror thrown : constructorThrows.disallowed(constructor)) {
          reporter.error(
              "connector " + name + ": its no-argument constructor throws checked exception " + thrown
                  + ", which the generated " + generated + ".create() cannot throw: handle it in the constructor,"
                  + " or do the work in a step",
              constructor);
        }
        return;
      }
    }
    reporter.error(
        "connector " + name + " has no non-private no-argument constructor, which the generated " + generated
            + ".create() calls: add one (a step reads its settings from ctx.config())",
        type, connector.annotation(), null);
  }

  private static void checkId(ConnectorModel connector, Reporter reporter) {
    String id = connector.id();
    if (Ids.isKebabCase(id)) {
      return;
    }
    String suggestion = Ids.toKebabCase(id);
    if (connector.idValue() != null) {
      reporter.error(
          "connector id '" + id + "' of " + connector.qualifiedName() + " is not lowercase kebab-case"
              + Ids.kebabCaseFix(id),
          connector.type(), connector.annotation(), connector.idValue());
    } else if (id.isEmpty()) {
      reporter.error(
          "connector " + connector.qualifiedName() + " needs an id: its class name " + connector.type().getSimpleName()
              + " has no letters or digits that map to a-z and 0-9, from which the default id is made:"
              + " set one with @Connector(id = \"my-connector\")",
          connector.type(), connector.annotation(), null);
    } else {
      reporter.error(
          "connector id '" + id + "' derived from the class name " + connector.type().getSimpleName()
              + " is not lowercase kebab-case: set one with @Connector(id = \""
              + (suggestion.isEmpty() ? "my-connector" : suggestion) + "\")",
          connector.type(), connector.annotation(), null);
    }
  }

  private static String kindName(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation interface";
      default -> kind.name().equals("RECORD") ? "record" : kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
