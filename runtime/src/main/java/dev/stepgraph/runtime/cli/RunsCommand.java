package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RecordedRun;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.RunSummary;
import dev.stepgraph.runtime.store.StepRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runs [--state DIR]}: the runs of the connector that the run store holds, newest first,
 * one line each: id, start (UTC), duration, how its steps ended (by their latest record; steps of
 * the connector it never recorded count as not run) and whether {@code run --resume} can continue
 * it. Reads the store; runs nothing.
 *
 * <pre>
 * RUN                    STARTED               DURATION  STEPS                  RESUMABLE
 * 20261201T204512Z-3fa9  2026-12-01T20:45:12Z  502 ms    5 succeeded, 1 failed  yes
 * </pre>
 */
final class RunsCommand {
  private RunsCommand() {}

  static int execute(Options options, ConnectorChoice connectors, CliIo io) {
    ConnectorGraph graph = connectors.graph(options);
    Path directory = RunCommand.directory(options.string("--state"), io);
    List<RunSummary> runs;
    try {
      runs = RunStore.directory(directory).runs(graph.id());
    } catch (RunStoreException e) {
      io.err().println("error: " + Formats.terminalSafe(io.relative(e.getMessage())));
      io.err().flush();
      return ExitCodes.USAGE;
    }
    PrintStream out = io.out();
    String shown = io.relative(directory.toString() + java.io.File.separator);
    shown = shown.substring(0, shown.length() - 1);
    if (runs.isEmpty()) {
      out.println("No runs of " + graph.id() + " in " + shown);
      return ExitCodes.printed(io, "the runs");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"RUN", "STARTED", "DURATION", "STEPS", "RESUMABLE"});
    List<String> problems = new ArrayList<>();
    for (RunSummary run : runs) {
      RecordedRun recorded = run.recorded();
      String started = run.started().truncatedTo(ChronoUnit.SECONDS).toString();
      if (recorded == null) {
        rows.add(new String[] {run.runId(), started, "-", "-", "no"});
        problems.add(run.runId() + ": " + run.problem());
        continue;
      }
      RecordedRun.Session last = recorded.lastSession();
      boolean running = last.ended() == null && alive(last.process());
      String duration =
          last.ended() != null
              ? Formats.duration(recorded.duration())
              : running ? "running" : "interrupted";
      rows.add(
          new String[] {
            run.runId(),
            started,
            duration,
            steps(graph, recorded),
            running ? "not while it runs (process " + last.process() + ")" : "yes"
          });
    }
    out.println("Runs of " + graph.id() + " in " + shown + ", newest first:");
    print(out, rows);
    for (String problem : problems) {
      out.println(Formats.terminalSafe(io.relative(problem)));
    }
    return ExitCodes.printed(io, "the runs");
  }

  private static boolean alive(long process) {
    return process != ProcessHandle.current().pid()
        && ProcessHandle.of(process).map(ProcessHandle::isAlive).orElse(false);
  }

  /** {@code 5 succeeded, 1 failed}: the latest record of each step of the connector. */
  private static String steps(ConnectorGraph graph, RecordedRun recorded) {
    Map<String, StepRecord> records = recorded.steps();
    Map<StepStatus, Integer> counts = new EnumMap<>(StepStatus.class);
    for (StepDefinition step : graph.steps()) {
      StepRecord record = records.get(step.id());
      counts.merge(record == null ? StepStatus.NOT_RUN : record.status(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    for (StepStatus status : List.of(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.SKIPPED,
        StepStatus.TIMED_OUT, StepStatus.CANCELLED, StepStatus.NOT_RUN)) {
      Integer count = counts.get(status);
      if (count != null) {
        parts.add(count + " " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      }
    }
    return String.join(", ", parts);
  }

  /** Columns padded to the widest cell, two spaces apart; the last is not padded. */
  private static void print(PrintStream out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(Formats.terminalSafe(line.toString()));
    }
  }
}
