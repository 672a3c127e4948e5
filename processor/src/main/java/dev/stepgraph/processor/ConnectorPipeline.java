package dev.stepgraph.processor;

import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * One connector from its class to its graph class: read into a model, checked by every {@link
 * ConnectorCheck}, fingerprinted and generated; each phase timed in {@link PhaseTimes}.
 */
final class ConnectorPipeline {
  private final ModelReader reader;
  private final Consumer<ConnectorModel> afterRead;
  private final List<ConnectorCheck> checks;
  private final InheritedStepCheck inheritedStepCheck;
  private final StepFingerprint fingerprint;
  private final int maxChunkWeight;
  private final Filer filer;
  private final ProcessingRounds rounds;
  private final PhaseTimes times;

  /**
   * @param trees javac's tree API, or null: then no step body is read or checked
   * @param afterRead runs on each connector model, for tests
   * @param maxChunkWeight the heaviest graph of the flat form, and the heaviest chunk of the chunked one
   */
  ConnectorPipeline(
      ProcessingEnvironment processingEnv, @Nullable Trees trees, Consumer<ConnectorModel> afterRead,
      int maxChunkWeight, ProcessingRounds rounds, PhaseTimes times) {
    Elements elements = processingEnv.getElementUtils();
    Types types = processingEnv.getTypeUtils();
    this.reader = new ModelReader(elements, trees, times);
    this.afterRead = afterRead;
    this.fingerprint = new StepFingerprint(elements, trees); // without the tree API, of the declarations
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
    this.inheritedStepCheck = new InheritedStepCheck();
    checks.add(inheritedStepCheck);
    this.checks = List.copyOf(checks);
    this.maxChunkWeight = maxChunkWeight;
    this.filer = processingEnv.getFiler();
    this.rounds = rounds;
    this.times = times;
  }

  /**
   * Reads, checks and generates the connector {@code type} of package {@code packageName}; its
   * entry in the package's {@code ConnectorMain}, or null if it has errors or comes too late for it.
   */
  ConnectorMainGenerator.@Nullable Entry process(TypeElement type, String packageName, Reporter reporter)
      throws IOException {
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
    List<ResolvedPolicy> policies = ResolvedPolicy.allOf(connector);
    List<String> fingerprints =
        times.time("fingerprint", () -> CombinedFingerprints.of(graph, waves, fingerprint.of(connector, policies)));
    times.time("generate", () -> GraphClassGenerator.generate(connector, policies, waves, fingerprints, maxChunkWeight))
        .writeTo(filer);
    if (rounds.mainWritten(packageName)) {
      reporter.warning(
          "connector " + connector.qualifiedName() + " appeared in a later processing round than the other"
              + " connectors of package " + packageName + ", whose ConnectorMain is already written, so it is"
              + " not in it: run it through " + GeneratedTypes.graphClassSimpleName(type) + ".create()",
          type, connector.annotation(), null);
      return null;
    }
    return new ConnectorMainGenerator.Entry(type, connector.id());
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
}
