package dev.stepgraph.runtime.javac;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Makes a connector compiled without the Stepgraph annotation processor a compile error that says
 * how to configure it, instead of a build that succeeds and generates nothing.
 *
 * <p>The runtime jar, which every connector has on its compile class path, declares this javac
 * plugin as a service that starts by itself ({@link #autoStart()}). javac looks for such plugins
 * where it looks for annotation processors: on the processor path when one is given (the
 * processor's configured, this check is not even loaded), otherwise on the class path. So it runs
 * exactly when no processor path is configured, on every JDK: javac 23 and newer no longer run a
 * processor found on the class path, but still start a plugin found there.
 *
 * <p>After javac has analysed a class (annotation processing is over by then), every class in it
 * that declares a {@code @Step} method must have its generated {@code <Connector>_StepGraph}; when
 * one has not, the processor did not run, and the error sits on that class. When the processor
 * ran, from the class path on JDK 22 and older, its graph is there and this check says nothing.
 */
public final class ProcessorMissingCheck implements Plugin {
  static final String STEP = "dev.stepgraph.Step";

  /** A public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public ProcessorMissingCheck() {}

  @Override
  public String getName() {
    return "StepgraphProcessorCheck";
  }

  @Override
  public boolean autoStart() {
    return true;
  }

  @Override
  public void init(JavacTask task, String... args) {
    task.addTaskListener(new Listener(task.getElements(), Trees.instance(task), version()));
  }

  /** The runtime's version from its jar's manifest, or null when it runs from a class directory. */
  private static @Nullable String version() {
    Package runtimePackage = ProcessorMissingCheck.class.getPackage();
    return runtimePackage == null ? null : runtimePackage.getImplementationVersion();
  }

  /**
   * {@code connector com.acme.AcmeConnector has @Step methods but no generated
   * AcmeConnector_StepGraph: ...}: what is wrong and the one-line fix for Maven, Gradle and javac.
   */
  static String message(String connector, String graphClass, @Nullable String version) {
    return "connector " + connector + " has @Step methods but no generated " + graphClass + ": the Stepgraph"
        + " annotation processor did not run. Put dev.stepgraph:stepgraph-processor" + (version == null ? "" : ":" + version)
        + " on the processor path: Maven <annotationProcessorPaths> of maven-compiler-plugin, Gradle"
        + " annotationProcessor, javac -processorpath (javac 23 and newer do not run it from the class path)";
  }

  private static final class Listener implements TaskListener {
    private final Elements elements;
    private final Trees trees;
    private final @Nullable String version;
    /** Classes already checked: javac may report a class in more than one event. */
    private final Set<String> checked = Collections.synchronizedSet(new HashSet<>());

    Listener(Elements elements, Trees trees, @Nullable String version) {
      this.elements = elements;
      this.trees = trees;
      this.version = version;
    }

    @Override
    public void finished(TaskEvent event) {
      TypeElement type = event.getTypeElement();
      CompilationUnitTree unit = event.getCompilationUnit();
      if (event.getKind() != TaskEvent.Kind.ANALYZE || type == null || unit == null) {
        return;
      }
      for (TypeElement connector : connectors(type)) {
        String name = connector.getQualifiedName().toString();
        String graph = graphClass(connector);
        if (checked.add(name) && elements.getTypeElement(qualified(packageOf(connector), graph)) == null) {
          Tree tree = trees.getTree(connector);
          if (tree != null) {
            trees.printMessage(Diagnostic.Kind.ERROR, message(name, graph, version), tree, unit);
          }
        }
      }
    }

    /**
     * {@code type} and its member classes, at any depth, that declare a {@code @Step} method and
     * get a generated graph: no abstract class or interface does (the processor rejects their steps).
     */
    private static List<TypeElement> connectors(TypeElement type) {
      List<TypeElement> connectors = new ArrayList<>();
      if (type.getKind() != ElementKind.INTERFACE
          && !type.getModifiers().contains(Modifier.ABSTRACT)
          && declaresStep(type)) {
        connectors.add(type);
      }
      for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
        connectors.addAll(connectors(member));
      }
      return connectors;
    }

    private static boolean declaresStep(TypeElement type) {
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
          Element annotationType = annotation.getAnnotationType().asElement();
          if (annotationType instanceof TypeElement
              && ((TypeElement) annotationType).getQualifiedName().contentEquals(STEP)) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * {@code Outer_Inner_StepGraph} for {@code Outer.Inner}: the processor's name for the generated
     * graph (its {@code GeneratedTypes.graphClassSimpleName}, which the README documents).
     */
    private static String graphClass(TypeElement connector) {
      List<String> names = new ArrayList<>();
      for (Element e = connector; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
        names.add(0, e.getSimpleName().toString());
      }
      return String.join("_", names) + "_StepGraph";
    }

    private static String packageOf(TypeElement type) {
      Element e = type;
      while (e.getKind() != ElementKind.PACKAGE) {
        e = e.getEnclosingElement();
      }
      return ((PackageElement) e).getQualifiedName().toString();
    }

    private static String qualified(String packageName, String simpleName) {
      return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }
  }
}
