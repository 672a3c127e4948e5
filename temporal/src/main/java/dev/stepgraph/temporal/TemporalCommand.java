package dev.stepgraph.temporal;

import dev.stepgraph.runtime.cli.CliCommandProvider;
import dev.stepgraph.runtime.cli.CliContext;
import dev.stepgraph.runtime.cli.UsageException;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.ConnectorRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ConnectorMain temporal worker|run|dev-server}: the connector on Temporal. {@code run} is
 * the runtime's own {@code run} (events, summary, {@code --output}, the store, exit codes), its
 * steps executed by the workflow.
 */
public final class TemporalCommand implements CliCommandProvider {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: ConnectorMain temporal worker --target HOST:PORT --state DIR [--namespace NS]",
          "                                     [--task-queue Q] [--config FILE]",
          "       ConnectorMain temporal run --target HOST:PORT --state DIR [--output FILE]"
              + " [--step ID]...",
          "                                  [--run-id ID] [--resume [RUN_ID]]"
              + " [--events human|json]",
          "                                  [--namespace NS] [--task-queue Q] [--config FILE]",
          "       ConnectorMain temporal dev-server [--port P]",
          "Runs the connector on Temporal: each step an activity, the run store shared.",
          "  worker      polls for the connector's steps and runs them, until stopped",
          "  run         starts a run and follows it to the end, as 'run' does",
          "  dev-server  Temporal's in-memory test server on 127.0.0.1, for trying it:",
          "              NOT FOR PRODUCTION (it keeps nothing, serves one machine)",
          "--state is the run store, on storage the client and every worker share.",
          "The task queue is stepgraph-CONNECTOR unless given; the namespace 'default'.");

  private static final Set<String> CONNECTION = Set.of("--target", "--namespace", "--task-queue");
  private static final Set<String> RUN_OPTIONS =
      Set.of("--state", "--output", "--step", "--run-id", "--events", "--config", "--connector",
          "--stacktrace");

  @Override
  public String name() {
    return "temporal";
  }

  @Override
  public String description() {
    return "Runs the connector on Temporal (worker, run, dev-server).";
  }

  @Override
  public int execute(List<String> args, CliContext context) {
    if (args.isEmpty()) {
      throw new UsageException("temporal needs a command: worker, run or dev-server");
    }
    List<String> rest = args.subList(1, args.size());
    QuietLogging.unlessBound();
    QuietNetty.unlessSet();
    switch (args.get(0)) {
      case "-h", "--help" -> {
        context.out().println(USAGE);
        return 0;
      }
      case "worker" -> {
        return worker(rest, context);
      }
      case "run" -> {
        return run(rest, context);
      }
      case "dev-server" -> {
        return DevServer.run(rest, context);
      }
      default -> throw new UsageException(
          "temporal: unknown command '" + args.get(0) + "' (commands: worker, run, dev-server)");
    }
  }

  private static int run(List<String> args, CliContext context) {
    if (args.contains("--help") || args.contains("-h")) {
      context.out().println(USAGE);
      return 0;
    }
    CommandArgs options =
        CommandArgs.read("temporal run", args,
            Set.of("--target", "--namespace", "--task-queue", "--state", "--output", "--step",
                "--run-id", "--events", "--config", "--connector"),
            Set.of("--resume"), Set.of("--step"));
    String target = options.required("--target", "HOST:PORT, the Temporal service");
    options.required("--state", "DIR, the run store the workers share");
    ConnectorGraph graph = context.graph(options.value("--connector"));
    String queue = queue(options, graph);
    List<String> runOptions = options.passOn(RUN_OPTIONS);
    if (options.given("--resume")) {
      runOptions.add("--resume");
      String id = options.value("--resume");
      if (id != null && !id.isEmpty()) {
        runOptions.add(id);
      }
    }
    try (Connection connection = Connection.open("temporal run", target, namespace(options))) {
      return context.run(runOptions, chosen -> new TemporalExecution(connection.client(), queue));
    }
  }

  private static int worker(List<String> args, CliContext context) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      context.out().println(USAGE);
      return 0;
    }
    CommandArgs options =
        CommandArgs.read("temporal worker", args,
            Set.of("--target", "--namespace", "--task-queue", "--state", "--config",
                "--connector"),
            Set.of(), Set.of());
    String target = options.required("--target", "HOST:PORT, the Temporal service");
    Path state = context.path(options.required("--state", "DIR, the run store the client shares"));
    ConnectorGraph graph = context.graph(options.value("--connector"));
    shared(state);
    var config = context.config(options.value("--config"));
    try {
      // The configuration every step of the worker runs with, checked as run checks it.
      ConnectorRunner.builder(graph).config(config).build();
    } catch (IllegalArgumentException badConfig) {
      throw new UsageException("temporal worker: " + badConfig.getMessage());
    }
    String queue = queue(options, graph);
    Connection connection = Connection.open("temporal worker", target, namespace(options));
    StepWorker worker = StepWorker.start(connection.client(), queue, graph, config, state);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      connection.close();
    }, "stepgraph-temporal-worker-stop"));
    context.err().println("Worker of connector " + graph.id() + " polling task queue " + queue
        + " at " + target + ", run store " + state.toAbsolutePath().normalize()
        + "; Ctrl-C stops it");
    context.err().flush();
    try {
      worker.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
    return 0;
  }

  /**
   * A worker's run store must be a directory it can write, for the client's runs to be found in
   * it: created if missing.
   */
  private static void shared(Path state) {
    try {
      Files.createDirectories(state);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("temporal worker: --state " + state + " is not a directory this"
          + " worker can write: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (!Files.isWritable(state)) {
      throw new UsageException("temporal worker: --state " + state + " is not a directory this"
          + " worker can write, and workers write each step there");
    }
  }

  private static String queue(CommandArgs options, ConnectorGraph graph) {
    String queue = options.value("--task-queue");
    if (queue != null && queue.isEmpty()) {
      throw new UsageException("--task-queue is empty");
    }
    return queue == null ? StepWorker.taskQueue(graph.id()) : queue;
  }

  private static String namespace(CommandArgs options) {
    String namespace = options.value("--namespace");
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }
}
