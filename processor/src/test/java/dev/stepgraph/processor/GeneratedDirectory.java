package dev.stepgraph.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles with the system compiler into real directories, so a test can see which sources were
 * generated even when compilation fails (compile-testing hides them then).
 */
final class GeneratedDirectory {
  private GeneratedDirectory() {}

  /** The generated source files (relative paths), after compiling {@code sources}. */
  static List<String> generatedSources(Path directory, JavaFileObject... sources) {
    try {
      Path classes = Files.createDirectories(directory.resolve("classes"));
      Path generated = Files.createDirectories(directory.resolve("generated"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      JavaCompiler.CompilationTask task = javac.getTask(
          null, null, d -> {},
          List.of("-d", classes.toString(), "-s", generated.toString(),
              "-classpath", System.getProperty("java.class.path")),
          null, List.of(sources));
      task.setProcessors(List.of(new StepGraphProcessor()));
      task.call();
      try (Stream<Path> files = Files.walk(generated)) {
        return files.filter(Files::isRegularFile).map(p -> generated.relativize(p).toString().replace('\\', '/'))
            .sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
