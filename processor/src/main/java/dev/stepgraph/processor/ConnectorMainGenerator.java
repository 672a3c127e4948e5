package dev.stepgraph.processor;

import static dev.stepgraph.processor.GeneratedTypes.CLI;
import static dev.stepgraph.processor.GeneratedTypes.CONNECTOR_GRAPH;
import static dev.stepgraph.processor.GeneratedTypes.MAP;
import static dev.stepgraph.processor.GeneratedTypes.SUPPLIER;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Writes the {@code ConnectorMain} of a package: its {@code main} runs the Stepgraph command line. */
final class ConnectorMainGenerator {
  /**
   * A connector of the package, with its generated graph class.
   *
   * @param type the connector class
   * @param id the connector id
   */
  record Entry(TypeElement type, String id) {
    ClassName graphClass() {
      return GeneratedTypes.graphClass(type);
    }
  }

  private ConnectorMainGenerator() {}

  static JavaFile generate(String packageName, List<Entry> connectors) {
    List<Entry> sorted = connectors.stream().sorted(Comparator.comparing(Entry::id)).toList();
    CodeBlock.Builder javadoc = CodeBlock.builder();
    CodeBlock execute;
    CodeBlock declarations = CodeBlock.of("");
    if (sorted.size() == 1) {
      Entry only = sorted.get(0);
      javadoc.add("Runs connector {@code $L} ({@link $T}) from the command line.\n", only.id(), ClassName.get(only.type()));
      declarations = CodeBlock.builder()
          .add(NoIndyForms.SUPPLIER_COMMENT)
          .addStatement("$T<$T> graph = $L", SUPPLIER, CONNECTOR_GRAPH, create(only))
          .build();
      execute = CodeBlock.of("$T.execute(args, graph)", CLI);
    } else {
      javadoc.add("Runs the connectors of package {@code $L} from the command line; choose one with\n"
          + "{@code --connector ID}:\n\n<ul>\n", packageName);
      for (Entry entry : sorted) {
        javadoc.add("  <li>{@code $L}: {@link $T}\n", entry.id(), ClassName.get(entry.type()));
      }
      javadoc.add("</ul>\n");
      CodeBlock.Builder map = CodeBlock.builder().add(NoIndyForms.SUPPLIERS_COMMENT);
      boolean entries = sorted.size() > 10;
      map.add("$T<$T, $T<$T>> connectors = $T.$L(\n", MAP, String.class, SUPPLIER, CONNECTOR_GRAPH, MAP,
          entries ? "ofEntries" : "of").indent().indent();
      for (int i = 0; i < sorted.size(); i++) {
        ClassName graph = sorted.get(i).graphClass();
        String separator = i + 1 < sorted.size() ? "," : ");";
        if (entries) {
          map.add("$T.entry($T.CONNECTOR_ID, $L)$L\n", MAP, graph, create(sorted.get(i)), separator);
        } else {
          map.add("$T.CONNECTOR_ID, $L$L\n", graph, create(sorted.get(i)), separator);
        }
      }
      map.unindent().unindent();
      declarations = map.build();
      execute = CodeBlock.of("$T.execute(args, connectors)", CLI);
    }
    javadoc.add("\n<p>Commands: {@code plan} prints the waves without running anything, {@code run} runs the\n"
        + "steps wave by wave, {@code graph} prints the step graph. {@code --help} lists the options.\n");

    TypeSpec.Builder main = TypeSpec.classBuilder("ConnectorMain")
        .addJavadoc(javadoc.build())
        .addAnnotation(GeneratedTypes.generatedAnnotation())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("main")
            .addJavadoc("Runs the command line and exits with its exit code.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(String[].class, "args")
            .addCode(declarations)
            .addStatement("$T.exit($L)", CLI, execute)
            .build());
    for (Entry entry : sorted) {
      main.addOriginatingElement(entry.type());
    }
    return JavaFile.builder(packageName, main.build()).skipJavaLangImports(true).build();
  }

  /** A {@code Supplier} of the connector's graph: an anonymous class, not {@code X_StepGraph::create} ({@link NoIndyForms}). */
  private static CodeBlock create(Entry entry) {
    return NoIndyForms.supplier(CONNECTOR_GRAPH, CodeBlock.of("$T.create()", entry.graphClass()));
  }
}
