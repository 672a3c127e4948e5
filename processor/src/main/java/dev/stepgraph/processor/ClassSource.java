package dev.stepgraph.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * The methods of a class in its source.
 *
 * @param unit the file
 * @param docComments the doc comment of each method that has one
 * @param methods the syntax tree of each method
 */
record ClassSource(CompilationUnitTree unit, Map<Element, String> docComments, Map<Element, MethodTree> methods) {
  /** The doc comments and trees of the methods of {@code type}, read in one pass; null if unavailable. */
  static @Nullable ClassSource read(@Nullable Trees trees, TypeElement type) {
    if (trees == null) {
      return null;
    }
    Map<Element, String> docs = new HashMap<>();
    Map<Element, MethodTree> methods = new HashMap<>();
    try {
      TreePath typePath = trees.getPath(type);
      if (typePath == null || !(typePath.getLeaf() instanceof ClassTree classTree)) {
        return null;
      }
      for (Tree member : classTree.getMembers()) {
        if (member instanceof MethodTree method) {
          TreePath path = new TreePath(typePath, member);
          Element element = trees.getElement(path);
          if (element == null) {
            continue;
          }
          methods.put(element, method);
          String doc = trees.getDocComment(path);
          if (doc != null) {
            docs.put(element, doc);
          }
        }
      }
      return new ClassSource(typePath.getCompilationUnit(), docs, methods);
    } catch (RuntimeException e) {
      return null; // fall back to Elements.getDocComment, and read no body
    }
  }
}
