package dev.stepgraph.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * What the processor remembers from one processing round to the next, and collects within one: the
 * connectors already processed (another processor may generate more in a later round), the
 * connector ids taken in each package, the packages whose {@code ConnectorMain} is written, and,
 * per round, which connectors of each package were generated and which packages had an error. No
 * diagnostics here: the processor reports, this only keeps count.
 */
final class ProcessingRounds {
  private final Set<String> processedTypes = new HashSet<>();
  /** Connectors of earlier rounds and this one: package name -> connector id -> class. */
  private final Map<String, Map<String, String>> idsByPackage = new HashMap<>();
  private final Set<String> mainWritten = new HashSet<>();

  /** Whether this is the first round that sees {@code type}; each connector is processed once. */
  boolean firstTime(TypeElement type) {
    return processedTypes.add(type.getQualifiedName().toString());
  }

  /**
   * Takes {@code id} for {@code connectorClass} in {@code packageName}.
   *
   * @return the class that took it in this or an earlier round, or null if it was free
   */
  @Nullable String takeId(String packageName, String id, String connectorClass) {
    return idsByPackage.computeIfAbsent(packageName, p -> new HashMap<>()).putIfAbsent(id, connectorClass);
  }

  /** Whether the {@code ConnectorMain} of this package is written, in this or an earlier round. */
  boolean mainWritten(String packageName) {
    return mainWritten.contains(packageName);
  }

  void markMainWritten(String packageName) {
    mainWritten.add(packageName);
  }

  /** A new round's record of what it generated. */
  Round startRound() {
    return new Round();
  }

  /** What one round generated, package by package. */
  static final class Round {
    private final Map<String, List<ConnectorMainGenerator.Entry>> connectors = new LinkedHashMap<>();
    private final Set<String> packagesWithErrors = new HashSet<>();

    private Round() {}

    /** The connector's graph class is written and it belongs in its package's {@code ConnectorMain}. */
    void generated(String packageName, ConnectorMainGenerator.Entry connector) {
      connectors.computeIfAbsent(packageName, p -> new ArrayList<>()).add(connector);
    }

    /** A connector of the package had an error, or cannot join the package's {@code ConnectorMain}. */
    void failed(String packageName) {
      packagesWithErrors.add(packageName);
    }

    /**
     * The {@code ConnectorMain} to write, by package, in the order packages were first seen: every
     * package with generated connectors and none that failed (a package with a broken connector
     * gets no {@code ConnectorMain}, so its build shows the errors, not a main without it).
     */
    Map<String, List<ConnectorMainGenerator.Entry>> mainsToWrite() {
      Map<String, List<ConnectorMainGenerator.Entry>> mains = new LinkedHashMap<>();
      connectors.forEach((packageName, entries) -> {
        if (!packagesWithErrors.contains(packageName)) {
          mains.put(packageName, entries);
        }
      });
      return mains;
    }
  }
}
