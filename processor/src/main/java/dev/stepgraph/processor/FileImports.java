package dev.stepgraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the file's imports and package make of a simple name. */
record FileImports(
    String packageName, Map<String, String> single, List<String> onDemand,
    Map<String, List<String>> staticSingle, List<String> staticOnDemand) {
  /** The runtime package, whose {@code Entity} and {@code Relationship} the lint looks for. */
  static final String RUNTIME = "dev.stepgraph.runtime";


  static FileImports of(CompilationUnitTree unit) {
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
    return new FileImports(packageName, single, onDemand, staticSingle, staticOnDemand);
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
