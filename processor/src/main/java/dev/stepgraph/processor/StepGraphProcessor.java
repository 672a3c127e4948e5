package dev.stepgraph.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
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
  private @Nullable ConnectorPipeline pipeline;
  /** Null without javac's tree API. */
  private @Nullable LocalClassCheck localClassCheck;
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
      this.setUpFailure = FailureMessages.processorPath("", e);
    }
  }

  private void setUp(ProcessingEnvironment processingEnv) {
    this.reporter = new Reporter(processingEnv.getMessager());
    Trees trees = trees(processingEnv);
    this.times = new PhaseTimes(Boolean.parseBoolean(processingEnv.getOptions().get(PhaseTimes.OPTION)));
    this.pipeline = new ConnectorPipeline(processingEnv, trees, afterRead, maxChunkWeight, rounds, times);
    this.localClassCheck = trees == null ? null : new LocalClassCheck(trees);
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
    ConnectorPipeline pipeline = this.pipeline;
    if (reporter == null || pipeline == null || annotations.isEmpty()) {
      return false;
    }
    RoundElements elements = RoundElements.of(annotations, roundEnvironment);
    Set<TypeElement> connectors = elements.connectors();
    NonConnectorAnnotations.report(elements, reporter);
    LocalClassCheck localClassCheck = this.localClassCheck;
    if (localClassCheck != null) {
      // Scans each file with a connector for @Step in local and anonymous classes.
      List<TypeElement> types = new ArrayList<>(connectors);
      types.addAll(elements.withConnectorAnnotation());
      localClassCheck.checkFilesOf(types, reporter);
    }
    ProcessingRounds.Round round = rounds.startRound();
    for (TypeElement type : connectors) {
      if (!rounds.firstTime(type)) {
        continue;
      }
      String packageName = packageOf(type);
      int errorsBefore = reporter.errorCount();
      ConnectorMainGenerator.Entry entry = processConnector(pipeline, type, packageName, reporter);
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

  /** Reads, checks and generates one connector; null if it has errors. Never throws. */
  private ConnectorMainGenerator.@Nullable Entry processConnector(
      ConnectorPipeline pipeline, TypeElement type, String packageName, Reporter reporter) {
    try {
      return pipeline.process(type, packageName, reporter);
    } catch (IOException e) {
      reporter.error(
          "could not write the step graph of connector " + type.getQualifiedName() + ": " + e.getMessage()
              + ": check that no other class is named " + GeneratedTypes.graphClassSimpleName(type),
          type);
      return null;
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      reporter.error(FailureMessages.bug("connector " + type.getQualifiedName(), e), type);
      return null;
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
      reporter.error(FailureMessages.bug("the ConnectorMain of package " + packageName, e), entries.get(0).type());
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

  private String packageOf(TypeElement type) {
    PackageElement p = processingEnv.getElementUtils().getPackageOf(type);
    return p.getQualifiedName().toString();
  }
}
