package dev.stepgraph.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The Stepgraph annotation processor. For every class with {@code @Step} methods it checks the
 * step graph (ids, dependencies, cycles, method and class shape, policies, data contracts, configuration keys) and,
 * when the connector has no
 * error, generates {@code <Connector>_StepGraph}; for every package with connectors it generates a
 * {@code ConnectorMain}. Never throws: an unexpected failure becomes an error naming the connector.
 */
@AutoService(Processor.class)
public final class StepGraphProcessor extends AbstractProcessor {
  private final Consumer<ConnectorModel> afterRead;
  private final int maxChunkWeight;

  private @Nullable Reporter reporter;
  private @Nullable ModelReader reader;
  private @Nullable StepFingerprint fingerprint;
  private List<ConnectorCheck> checks = List.of();
  private final InheritedStepCheck inheritedStepCheck = new InheritedStepCheck();
  private @Nullable Trees trees;
  /** Why the processor could not start, until reported; then it does nothing. */
  private @Nullable String setUpFailure;
  private PhaseTimes times = new PhaseTimes(false);

  private final ProcessingRounds rounds = new ProcessingRounds();

  public StepGraphProcessor() {
    this(connector -> {});
  }

  /** For tests: {@code afterRead} runs on each connector model and may throw. */
  StepGraphProcessor(Consumer<ConnectorModel> afterRead) {
    this(afterRead, ChunkedGraphForm.MAX_CHUNK_WEIGHT);
  }

  /**
   * For tests: graphs heavier than {@code maxChunkWeight} (steps plus dependencies) take the chunked
   * form, in classes of at most that weight, so a test sees it on a few steps.
   */
  StepGraphProcessor(Consumer<ConnectorModel> afterRead, int maxChunkWeight) {
    if (maxChunkWeight < 1) {
      throw new IllegalArgumentException("maxChunkWeight must be at least 1, was " + maxChunkWeight);
    }
    this.afterRead = afterRead;
    this.maxChunkWeight = maxChunkWeight;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ModelReader.STEP, ModelReader.CONNECTOR, ModelReader.RETRY, ModelReader.CONFIG_KEY,
        ModelReader.CONFIG_KEYS);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(PhaseTimes.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    try {
      setUp(processingEnv);
    } catch (LinkageError e) {
      // A processor path without a class the processor needs: one error in the first round that
      // has Stepgraph annotations, instead of javac's stack trace of an uncaught exception.
      this.reporter = null;
      this.setUpFailure = processorPathMessage("", e);
    }
  }

  private void setUp(ProcessingEnvironment processingEnv) {
    Elements elements = processingEnv.getElementUtils();
    this.reporter = new Reporter(processingEnv.getMessager());
    Trees trees = trees(processingEnv);
    this.trees = trees;
    this.times = new PhaseTimes(Boolean.parseBoolean(processingEnv.getOptions().get(PhaseTimes.OPTION)));
    this.reader = new ModelReader(elements, trees, times);
    this.fingerprint = new StepFingerprint(elements, trees); // without the tree API, of the declarations
    Types types = processingEnv.getTypeUtils();
    List<ConnectorCheck> checks = new ArrayList<>(List.of(
        new ConnectorTypeCheck(AllowedThrows.unchecked(types, elements)),
        new StepMethodCheck(AllowedThrows.exceptions(types, elements)),
        new StepIdCheck(),
        new DependsOnCheck(),
        new CycleCheck(),
        new PolicyCheck(),
        new RetryOnCheck(),
        new DataTypeNameCheck(),
        new ReadsUpstreamCheck(),
        new ConfigKeyCheck()));
    if (trees != null) {
      checks.add(new StepBodyContractCheck(trees)); // without javac's tree API, the runtime checks bodies alone
      checks.add(new StepBodyConfigCheck(trees));
    }
    checks.add(inheritedStepCheck);
    this.checks = List.copyOf(checks);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnvironment) {
    String setUpFailure = this.setUpFailure;
    if (setUpFailure != null && !annotations.isEmpty()) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, setUpFailure);
      this.setUpFailure = null; // once
    }
    Reporter reporter = this.reporter;
    if (reporter != null && roundEnvironment.processingOver() && times.enabled()) {
      reporter.note(times.summary());
    }
    if (reporter == null || annotations.isEmpty()) {
      return false;
    }
    RoundElements elements = RoundElements.of(annotations, roundEnvironment);
    Set<TypeElement> connectors = elements.connectors();
    for (TypeElement type : elements.withConnectorAnnotation()) {
      if (!connectors.contains(type)) {
        reporter.warning(
            "class " + type.getQualifiedName() + " has @Connector but no @Step method, so it is not a connector"
                + " and nothing is generated for it: add @Step methods or remove @Connector",
            type, ModelReader.annotation(type, ModelReader.CONNECTOR), null);
      }
    }
    for (TypeElement type : elements.withConfigKeys()) {
      List<AnnotationMirror> keys = ConfigKeyReader.mirrors(type);
      if (!connectors.contains(type) && !keys.isEmpty()) {
        reporter.warning(
            "class " + type.getQualifiedName() + " has @ConfigKey but no @Step method, so it is not a connector"
                + " and no run checks these keys: declare them on the connector class that reads them",
            type, keys.get(0), null);
      }
    }
    for (ExecutableElement method : elements.retries()) {
      // In a connector the model carries it to PolicyCheck; elsewhere nothing else would see it.
      if (!connectors.contains(method.getEnclosingElement()) && ModelReader.annotation(method, ModelReader.STEP) == null) {
        AnnotationMirror retry = ModelReader.annotation(method, ModelReader.RETRY);
        if (retry != null) {
          PolicyCheck.reportRetryWithoutStep(method, retry, ModelReader.signature(method), reporter);
        }
      }
    }
    checkLocalClasses(connectors, elements.withConnectorAnnotation(), reporter);
    ProcessingRounds.Round round = rounds.startRound();
    for (TypeElement type : connectors) {
      if (!rounds.firstTime(type)) {
        continue;
      }
      String packageName = packageOf(type);
      int errorsBefore = reporter.errorCount();
      ConnectorMainGenerator.Entry entry = processConnector(type, packageName, reporter);
      if (entry != null && reporter.errorCount() == errorsBefore) {
        round.generated(packageName, entry);
      } else {
        round.failed(packageName);
      }
    }
    round.mainsToWrite().forEach((packageName, entries) -> writeMain(packageName, entries, reporter));
    reporter.reportLeftOut();
    return false;
  }

  /** Scans each file with a connector for {@code @Step} in local and anonymous classes. */
  private void checkLocalClasses(Set<TypeElement> connectors, List<TypeElement> withConnectorAnnotation, Reporter reporter) {
    Trees trees = this.trees;
    if (trees == null) {
      return;
    }
    LocalClassCheck check = new LocalClassCheck(trees);
    Set<CompilationUnitTree> units = new LinkedHashSet<>();
    List<TypeElement> types = new ArrayList<>(connectors);
    types.addAll(withConnectorAnnotation);
    for (TypeElement type : types) {
      try {
        TreePath path = trees.getPath(type);
        if (path != null && units.add(path.getCompilationUnit())) {
          check.check(path.getCompilationUnit(), reporter);
        }
      } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
        reporter.error(bugMessage("the file of " + type.getQualifiedName(), e), type);
      }
    }
  }

  /** Reads, checks and generates one connector; null if it has errors. */
  private ConnectorMainGenerator.@Nullable Entry processConnector(TypeElement type, String packageName, Reporter reporter) {
    try {
      ModelReader reader = requireNonNull(this.reader);
      ConnectorModel connector = times.time("read", () -> reader.read(type));
      afterRead.accept(connector);
      int errorsBefore = reporter.errorCount();
      if (connector.isAbstractClass()) {
        inheritedStepCheck.check(connector, reporter); // its steps are no steps: nothing else to check
        return null;
      }
      for (ConnectorCheck check : checks) {
        times.time(check.getClass().getSimpleName(), () -> check.check(connector, reporter));
      }
      checkUniqueInPackage(connector, packageName, reporter);
      if (reporter.errorCount() != errorsBefore) {
        return null;
      }
      DependencyGraph graph = connector.dependencyGraph();
      List<List<Integer>> waves = Waves.byWave(Waves.levels(graph));
      StepFingerprint fingerprint = requireNonNull(this.fingerprint);
      List<String> fingerprints =
          times.time("fingerprint", () -> CombinedFingerprints.of(graph, waves, fingerprint.of(connector)));
      times.time("generate", () -> GraphClassGenerator.generate(connector, waves, fingerprints, maxChunkWeight))
          .writeTo(processingEnv.getFiler());
      if (rounds.mainWritten(packageName)) {
        reporter.warning(
            "connector " + connector.qualifiedName() + " appeared in a later processing round than the other"
                + " connectors of package " + packageName + ", whose ConnectorMain is already written, so it is"
                + " not in it: run it through " + GeneratedTypes.graphClassSimpleName(type) + ".create()",
            type, connector.annotation(), null);
        return null;
      }
      return new ConnectorMainGenerator.Entry(type, connector.id());
    } catch (IOException e) {
      reporter.error(
          "could not write the step graph of connector " + type.getQualifiedName() + ": " + e.getMessage()
              + ": check that no other class is named " + GeneratedTypes.graphClassSimpleName(type),
          type);
      return null;
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      reporter.error(bugMessage("connector " + type.getQualifiedName(), e), type);
      return null;
    }
  }

  private void checkUniqueInPackage(ConnectorModel connector, String packageName, Reporter reporter) {
    String other = rounds.takeId(packageName, connector.id(), connector.qualifiedName());
    if (other != null) {
      reporter.error(
          "connector id '" + connector.id() + "' of " + connector.qualifiedName() + " is already used by " + other
              + " in package " + (packageName.isEmpty() ? "(unnamed)" : packageName)
              + ": give each connector of a package its own id with @Connector(id = \"...\")",
          connector.type(), connector.annotation(), connector.idValue());
    }
  }

  private void writeMain(String packageName, List<ConnectorMainGenerator.Entry> entries, Reporter reporter) {
    try {
      ConnectorMainGenerator.generate(packageName, entries).writeTo(processingEnv.getFiler());
      rounds.markMainWritten(packageName);
    } catch (IOException e) {
      reporter.error(
          "could not write " + (packageName.isEmpty() ? "" : packageName + ".") + "ConnectorMain: " + e.getMessage()
              + ": rename your own class of that name, Stepgraph generates it",
          entries.get(0).type());
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      reporter.error(bugMessage("the ConnectorMain of package " + packageName, e), entries.get(0).type());
    }
  }

  /** javac's tree API, or null under another compiler or a wrapped environment. */
  private static @Nullable Trees trees(ProcessingEnvironment processingEnv) {
    try {
      return Trees.instance(processingEnv);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * What an unexpected failure while processing {@code what} says. A {@link LinkageError} (a class
   * the processor needs is missing or of another version: {@code NoClassDefFoundError}) is a
   * processor path put together by hand, not a bug: one line that says how to fix it. Anything else
   * is a bug in the processor, reported with the first frames of its stack trace.
   */
  static String bugMessage(String what, Throwable e) {
    if (e instanceof LinkageError) {
      return processorPathMessage(" while processing " + what, e);
    }
    StringBuilder message = new StringBuilder("Stepgraph bug while processing ").append(what).append(": ")
        .append(e).append(". This is a bug in the Stepgraph annotation processor, not in your code;"
            + " please report it with this message.");
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(8, trace.length); i++) {
      message.append("\n  at ").append(trace[i]);
    }
    return message.toString();
  }

  /** A class the processor needs could not be loaded: its processor path, not the processor, is at fault. */
  private static String processorPathMessage(String processing, Throwable e) {
    return "the Stepgraph annotation processor could not load a class it needs" + processing + " (" + e + "):"
        + " its processor path is incomplete or mixes versions. Put the stepgraph-processor jar, of the same"
        + " version as stepgraph-runtime, on the processor path as it is published, alone (it bundles what it"
        + " needs): Maven annotationProcessorPaths, Gradle annotationProcessor, or javac -processorpath";
  }

  private String packageOf(TypeElement type) {
    PackageElement p = processingEnv.getElementUtils().getPackageOf(type);
    return p.getQualifiedName().toString();
  }

  private static <T> T requireNonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("processor not initialized");
    }
    return value;
  }
}
