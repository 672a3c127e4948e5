package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.internal.RunIds;
import dev.stepgraph.runtime.run.ConnectorRunner;
import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code run} (the default command): checks every option and {@code --output} before any step
 * runs, runs the steps with the human event lines on stderr (and {@code --events json} on
 * stdout), recording them in the run store ({@code --state}, {@code .stepgraph} by default;
 * {@code --no-state} for none) or resuming a run it recorded ({@code --resume}), then writes the
 * output; Ctrl-C stops it in order ({@link OrderlyStop}).
 */
final class RunCommand {
  private final CliIo io;

  private RunCommand(CliIo io) {
    this.io = io;
  }

  static int execute(Options options, ConnectorChoice connectors, CliIo io) {
    return new RunCommand(io).runWith(options, connectors, null);
  }

  /** {@code run}, the steps executed by the remote execution made for the chosen graph. */
  static int execute(
      Options options,
      ConnectorChoice connectors,
      CliIo io,
      Function<ConnectorGraph, RemoteExecution> remote) {
    return new RunCommand(io).runWith(options, connectors, remote);
  }

  private int runWith(
      Options options,
      ConnectorChoice connectors,
      @Nullable Function<ConnectorGraph, RemoteExecution> remote) {
    String events = options.string("--events");
    if (events != null && !events.equals("human") && !events.equals("json")) {
      throw new UsageException("--events must be 'human' or 'json', was '" + events + "'");
    }
    Integer parallelism = options.integer("--parallelism");
    if (parallelism != null && parallelism < 1) {
      throw new UsageException("--parallelism must be at least 1, was " + parallelism);
    }
    String outputValue = options.string("--output");
    if ("-".equals(outputValue) && "json".equals(events)) {
      throw new UsageException(
          "--output - and --events json would both write to standard output: send one of them"
              + " to a file");
    }
    Config config = config(options.string("--config"), io);
    ConnectorRunner.Builder builder = connectors.runner(options).config(config);
    store(options, builder);
    if (remote != null) {
      if (options.given("--no-state")) {
        throw new UsageException(
            "--no-state: the steps run elsewhere write to the run store, which --state names");
      }
      builder.remote(remote.apply(connectors.graph(options)));
    }
    if (parallelism != null) {
      builder.parallelism(parallelism);
    }
    builder.listener(new HumanEvents(io.err(), options.given("--stacktrace")));
    JsonEvents json = null;
    if ("json".equals(events)) {
      json = new JsonEvents(io.out());
      builder.listener(json);
    }
    RunningSteps running = new RunningSteps();
    builder.listener(running);
    ConnectorRunner runner = ConnectorChoice.build(builder);
    // The last check, as opening a FIFO waits for its reader.
    @Nullable Destination output = outputValue == null ? null : output(outputValue);
    try {
      return run(runner, output, running, json);
    } finally {
      if (output != null) {
        output.close();
      }
    }
  }

  /** Checks {@code --output} before any step runs: a run never collects what it cannot write. */
  private Destination output(String value) {
    Destination output;
    try {
      output = OutputFile.open(value, io.out());
    } catch (OutputFile.Unusable e) {
      throw new UsageException(e.getMessage());
    }
    for (Path stale : output.removedStaleFiles()) {
      io.err().println("Removed " + stale + ", left by an earlier run that did not finish");
    }
    return output;
  }

  private int run(
      ConnectorRunner runner,
      @Nullable Destination output,
      RunningSteps running,
      @Nullable JsonEvents json) {
    RunReport report;
    boolean notWritten;
    OrderlyStop stop = OrderlyStop.register(io, runner, output, running);
    try {
      try {
        report = runner.run();
      } catch (RunStoreException e) {
        io.err().println("error: " + Formats.terminalSafe(io.relative(storeProblem(e))));
        io.err().flush();
        return ExitCodes.USAGE;
      }
      for (String warning : report.warnings()) {
        io.err().println("warning: " + Formats.terminalSafe(io.relative(warning)));
      }
      // The events a consumer was reading did not all get out, or the output failed.
      notWritten = json != null && json.failed();
      if (output != null && !write(report, output)) {
        notWritten = true;
      }
      io.err().flush();
    } finally {
      stop.close();
    }
    // An interrupt that came while the output was written still ends the process with 130.
    return ExitCodes.ofRun(
        report.cancelled() || stop.interrupted(), notWritten, report.hasFailures());
  }

  /** Writes the output; false, said in one line, if it failed. */
  private boolean write(RunReport report, Destination output) {
    try {
      JsonLines.Written written = output.write(report.steps(), io.progress());
      io.err().println(
          "Wrote " + Formats.plural(written.entities(), "entity", "entities") + " and "
              + Formats.plural(written.relationships(), "relationship", "relationships")
              + " to " + output.name);
      return true;
    } catch (IOException | RuntimeException e) {
      if (!output.abandoned()) { // else the interrupt handler has said so
        io.err().println("error: cannot write " + output.shown + ": " + Errors.reason(e) + "; "
            + output.afterFailure());
      }
      return false;
    }
  }

  /**
   * The run store of {@code --state}, {@code --no-state}, {@code --resume}, {@code --run-id} and
   * {@code --keep-runs}, checked.
   */
  private void store(Options options, ConnectorRunner.Builder builder) {
    boolean noState = options.given("--no-state");
    String state = options.string("--state");
    boolean resume = options.given("--resume");
    String resumeId = options.string("--resume");
    String runId = options.string("--run-id");
    Integer keepRuns = options.integer("--keep-runs");
    if (noState) {
      for (String other : new String[] {"--state", "--resume", "--keep-runs"}) {
        if (options.given(other)) {
          throw new UsageException(
              "--no-state runs without a run store, so " + other + " has nothing to work on:"
                  + " give one of them");
        }
      }
    }
    if (resume && runId != null) {
      throw new UsageException(
          "--run-id and --resume: a resumed run keeps the id of the run it resumes; resume a"
              + " given run with --resume RUN_ID");
    }
    if (runId != null) {
      if (!RunIds.valid(runId)) {
        throw new UsageException("--run-id: " + RunIds.invalid(runId));
      }
      builder.runId(runId);
    }
    if (keepRuns != null && keepRuns < 1) {
      throw new UsageException("--keep-runs must be at least 1, was " + keepRuns);
    }
    if (noState) {
      return;
    }
    builder.store(
        RunStore.directory(
            directory(state, io), keepRuns == null ? RunStore.DEFAULT_KEEP_RUNS : keepRuns));
    if (resume) {
      if (resumeId == null || resumeId.isEmpty()) {
        builder.resumeLatest();
      } else {
        builder.resume(resumeId);
      }
    }
  }

  /** The directory of {@code --state}, or {@code .stepgraph}, in the working directory. */
  static Path directory(@Nullable String state, CliIo io) {
    String value = state == null ? CommandSpecs.DEFAULT_STATE : state;
    if (value.isEmpty()) {
      throw new UsageException("--state is empty: give a directory");
    }
    try {
      return io.workingDirectory().resolve(value);
    } catch (InvalidPathException e) {
      throw new UsageException("invalid --state path '" + value + "': " + e.getReason());
    }
  }

  /** What went wrong with the run store, and what to do on the command line. */
  static String storeProblem(RunStoreException e) {
    String message = Errors.line(e.getMessage());
    switch (e.problem()) {
      case UNWRITABLE:
        return message + "; choose a directory it can write with --state DIR, or run without a"
            + " store with --no-state";
      case LOCKED:
        return message + "; wait for it to end, or use another store with --state DIR";
      case NOTHING_TO_RESUME:
        return message + "; run without --resume to start a run";
      case UNSHARED:
        return message + "; give the run and every worker the same --state, on storage they all"
            + " reach, and resume the run with --resume";
      case RUN_EXISTS:
        return message.replace(": resume it, or give the new run another id",
            ": resume it with --resume, or give the new run another --run-id");
      default:
        return message.replace("start a new run", "start a new run without --resume");
    }
  }

  /** The configuration of {@code --config FILE}, if given, and the environment. */
  static Config config(@Nullable String file, CliIo io) {
    if (file == null) {
      return Config.of(Map.of(), io.environment());
    }
    try {
      return Config.load(Paths.get(file), io.environment());
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read config file '" + file + "': no such file");
    } catch (IOException e) {
      throw new UsageException("cannot read config file '" + file + "': " + Errors.reason(e));
    } catch (InvalidPathException e) {
      throw new UsageException("invalid --config path '" + file + "': " + e.getReason());
    } catch (IllegalArgumentException e) {
      // Not UTF-8 or not a properties file: the message names the file and where.
      throw new UsageException(Errors.line(e.getMessage()));
    }
  }
}
