package dev.stepgraph.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.JavaFileObject;

/** Compiles test sources through the processor. */
final class Compilations {
  private Compilations() {}

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new StepGraphProcessor()).compile(sources);
  }

  /** A source file of class {@code com.acme.<name>} with the usual imports. */
  static JavaFileObject connector(String simpleName, String... lines) {
    return JavaFileObjects.forSourceLines(
        "com.acme." + simpleName,
        concat(
            new String[] {
              "package com.acme;",
              "",
              "import dev.stepgraph.Connector;",
              "import dev.stepgraph.Step;",
              "import dev.stepgraph.runtime.StepContext;",
              ""
            },
            lines));
  }

  static String generated(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName + "; " + compilation.diagnostics()));
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
