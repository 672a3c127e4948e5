package dev.stepgraph.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up path of the packaged connector spins no lambda: the first lambda, method reference
 * or stream a JVM meets costs it 5 to 15 ms of bootstrap and each one after it a little more, and
 * without them {@code plan} runs 13 to 15 % faster. The JVM's class-loading log of a real {@code
 * plan} and {@code graph} must name no class that {@code invokedynamic} defines at run time: no
 * {@code $$Lambda} class, and no {@code LambdaForm} or {@code Species} class spun for a method
 * handle (the ones the JDK ships pre-generated in its class-data archive cost nothing).
 */
class StartupIT {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"plan", "graph"})
  void theCommandsThatOnlyReadTheGraphSpinNoLambda(String command) throws Exception {
    List<String> loaded = classesLoaded("dev.stepgraph.runtime.cli.StepgraphCli", command);
    List<String> spun = loaded.stream().filter(StartupIT::spunAtRunTime).toList();
    assertEquals(List.of(), spun, "classes defined for invokedynamic during " + command);
  }

  /**
   * The classes every run goes through, whatever its steps declare: the command line and its
   * listeners, the runner, the event dispatch, the scheduler and the step threads. Timeouts,
   * retries, contracts, configuration and the run store still spin lambdas of their own
   * (BENCHMARKS.md lists them), so a run is held only to these.
   */
  private static final List<String> EVERY_RUN =
      List.of(
          "dev.stepgraph.runtime.cli.OrderlyStop",
          "dev.stepgraph.runtime.cli.HumanEvents",
          "dev.stepgraph.runtime.cli.RunningSteps",
          "dev.stepgraph.runtime.internal.EventDispatch",
          "dev.stepgraph.runtime.run.ConnectorRunner",
          "dev.stepgraph.runtime.internal.Sleeper",
          "dev.stepgraph.runtime.internal.RunScheduler",
          "dev.stepgraph.runtime.internal.StepThreads",
          "dev.stepgraph.runtime.internal.StepThreadPool",
          "dev.stepgraph.runtime.internal.VirtualThreads", // JDK 21+
          "dev.stepgraph.runtime.internal.StepRun");

  @Test
  void aRunSpinsNoLambdaInTheClassesEveryRunGoesThrough() throws Exception {
    List<String> loaded =
        classesLoaded("dev.stepgraph.runtime.internal.StepRun", "run", "--no-state");
    List<String> spun =
        loaded.stream()
            .filter(line -> line.contains("$$Lambda"))
            .filter(line -> EVERY_RUN.stream().anyMatch(owner -> line.contains(owner + "$")))
            .toList();
    assertEquals(List.of(), spun, "lambdas of the classes every run goes through");
  }

  /**
   * Nothing on a run's path starts {@code java.util.logging}: on JDK 21 and newer, starting it to
   * hear the JDK log the status of a step's {@code System.exit} cost a 1,000-step run 2 to 9 % of
   * its time (BENCHMARKS.md); the status is the process's exit status anyway.
   */
  @Test
  void aRunStartsNoJavaUtilLogging() throws Exception {
    List<String> loaded =
        classesLoaded("dev.stepgraph.runtime.internal.StepRun", "run", "--no-state");
    List<String> logging =
        loaded.stream().filter(line -> line.contains("] java.util.logging.LogManager ")).toList();
    assertEquals(List.of(), logging, "java.util.logging started by a run");
  }

  /**
   * The class-loading log of the packaged connector run with {@code args}, which must succeed and
   * must have loaded {@code expected} (so that an empty or truncated log fails, not passes).
   */
  private List<String> classesLoaded(String expected, String... args) throws Exception {
    Path log = tmp.resolve(args[0] + "-classes.log");
    ProcessBuilder builder = ConnectorProcess.builder(Map.of(), args);
    builder.command().add(1, "-Xlog:class+load=info:file=" + log);

    ConnectorProcess.Result result = ConnectorProcess.run(builder);

    assertEquals(0, result.exitCode(), result.stderr());
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertTrue(
        loaded.stream().anyMatch(line -> line.contains(expected + " ")),
        "the log names the classes the connector loaded: " + log);
    return loaded;
  }

  /**
   * A class the JVM generated for a lambda or a method handle, not one read from the JDK's
   * archive. The JDK's own lambdas count too: they cost the same, and one is ours to avoid (JDK 24+
   * spins {@code ZipFile$Source$$Lambda} to open a jar with {@code META-INF/versions} entries,
   * which is why the runtime jar is not a multi-release jar).
   */
  private static boolean spunAtRunTime(String line) {
    if (line.contains("source: shared objects file")) {
      return false;
    }
    String name = line.substring(line.indexOf("] ", line.indexOf("[class,load]")) + 2);
    return name.contains("$$Lambda")
        || name.startsWith("java.lang.invoke.LambdaForm$")
        || name.startsWith("java.lang.invoke.BoundMethodHandle$Species_");
  }
}
