package dev.stepgraph.processor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/** The fields and member types of the types a step body names, looked up once per type. */
final class MemberLookup {
  private final Elements elements;
  private final Map<TypeElement, Map<String, Element>> members = new HashMap<>();

  MemberLookup(Elements elements) {
    this.elements = elements;
  }

  /** The type of this qualified name, if the compilation knows it. */
  @Nullable TypeElement type(String qualifiedName) {
    return elements.getTypeElement(qualifiedName);
  }

/**
 * A field ({@code type} false) or member type ({@code type} true) of {@code owner}, its own before
 * inherited ones (which it hides).
 */
@Nullable Element member(TypeElement owner, String name, boolean type) {
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

static @Nullable Object constantOf(@Nullable Element field) {
  return field != null && field.getKind() == ElementKind.FIELD ? ((VariableElement) field).getConstantValue() : null;
}
}
