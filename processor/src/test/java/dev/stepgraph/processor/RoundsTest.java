package dev.stepgraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** Connectors that another processor generates appear in a later round. */
class RoundsTest {

  /** Writes one connector source in its first round, as another annotation processor would. */
  static final class ConnectorWriter extends AbstractProcessor {
    private final String qualifiedName;
    private boolean written;

    ConnectorWriter(String qualifiedName) {
      this.qualifiedName = qualifiedName;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      int dot = qualifiedName.lastIndexOf('.');
      try (Writer out = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
        out.write("package " + qualifiedName.substring(0, dot) + ";\n"
            + "public class " + qualifiedName.substring(dot + 1) + " {\n"
            + "  @dev.stepgraph.Step(id = \"late\") void late(dev.stepgraph.runtime.StepContext ctx) {}\n"
            + "}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }

  @Test
  void connectorGeneratedInALaterRoundGetsTheMainOfItsOwnPackage() {
    Compilation compilation = javac()
        .withProcessors(new ConnectorWriter("com.other.LateConnector"), new StepGraphProcessor())
        .compile(GeneratedSourceTest.awsConnector());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.ConnectorMain")
        .contentsAsUtf8String().contains("return AwsConnector_StepGraph.create();");
    assertThat(compilation).generatedSourceFile("com.other.ConnectorMain")
        .contentsAsUtf8String().contains("return LateConnector_StepGraph.create();");
    assertThat(compilation).generatedSourceFile("com.other.LateConnector_StepGraph")
        .contentsAsUtf8String().contains("CONNECTOR_ID = \"late\"");
  }

  @Test
  void connectorOfAPackageWhoseMainIsAlreadyWrittenIsAWarning() {
    Compilation compilation = javac()
        .withProcessors(new ConnectorWriter("com.acme.LateConnector"), new StepGraphProcessor())
        .compile(GeneratedSourceTest.awsConnector());
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(
            "connector com.acme.LateConnector appeared in a later processing round than the other connectors of"
                + " package com.acme, whose ConnectorMain is already written, so it is not in it: run it through"
                + " LateConnector_StepGraph.create()")
        .inFile(compilation.generatedSourceFile("com.acme.LateConnector").orElseThrow())
        .onLine(2);
    assertThat(compilation).generatedSourceFile("com.acme.LateConnector_StepGraph")
        .contentsAsUtf8String().contains("CONNECTOR_ID = \"late\"");
  }
}
