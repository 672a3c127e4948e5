package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RemoteOutcome;
import dev.stepgraph.runtime.store.RunFiles;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that providers add to the command line ({@link CliCommandProvider}, found with
 * ServiceLoader): dispatched before PlainArgs and picocli, listed in the root help, rejected as
 * any unknown command when no provider is there; and {@link CliContext#run} is {@code run} with
 * the steps executed by a remote execution.
 */
@Timeout(120)
class CliProvidersTest {
  @TempDir Path dir;

  /** A provider of {@code echo ARGS...} and {@code remote RUN_OPTIONS...}. */
  public static final class EchoProvider implements CliCommandProvider {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public String description() {
      return "Prints its arguments (a test provider).";
    }

    @Override
    public int execute(List<String> args, CliContext context) {
      if (args.contains("--bad")) {
        throw new UsageException("echo: --bad is bad");
      }
      if (!args.isEmpty() && args.get(0).equals("remote")) {
        return context.run(args.subList(1, args.size()), graph -> new LocalRemote());
      }
      context.out().println("echo " + String.join(" ", args) + " of "
          + context.graph(null).id());
      return 0;
    }
  }

  /** A remote execution that runs nothing itself: every step succeeds having emitted nothing. */
  static final class LocalRemote implements RemoteExecution {
    @Override
    public void execute(Run run, Listener listener) {
      for (String id : run.toRun()) {
        listener.started(id);
        listener.ended(id, new RemoteOutcome.Succeeded(
            new RunFiles.StepFile(null, java.util.Map.of(), 0), 1));
      }
    }

    @Override
    public void cancel() {}
  }

  /** Runs {@code work} with the echo provider declared on the context class loader. */
  private <T> T withProvider(Callable<T> work) throws Exception {
    Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
    Files.writeString(services.resolve(CliCommandProvider.class.getName()),
        EchoProvider.class.getName() + "\n");
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.resolve("services").toUri().toURL()}, before)) {
      thread.setContextClassLoader(loader);
      return work.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void aProvidersCommandGetsItsArgumentsUnreadByTheRuntime() throws Exception {
    Terminal terminal = new Terminal();
    int exit = withProvider(() -> terminal.run(Graphs.inventory(), "echo", "--output", "x", "y"));
    assertEquals(0, exit, terminal.err());
    assertEquals("echo --output x y of aws-inventory\n", terminal.out());
  }

  @Test
  void aProvidersUsageExceptionIsOneLineAndExitCode2() throws Exception {
    Terminal terminal = new Terminal();
    int exit = withProvider(() -> terminal.run(Graphs.inventory(), "echo", "--bad"));
    assertEquals(2, exit);
    assertEquals("error: echo: --bad is bad\nRun 'ConnectorMain --help' for usage.\n",
        terminal.err());
  }

  @Test
  void theRootHelpListsTheProvidersCommands() throws Exception {
    Terminal terminal = new Terminal();
    int exit = withProvider(() -> terminal.run(Graphs.inventory(), "--help"));
    assertEquals(0, exit);
    assertTrue(terminal.out().contains("  echo   Prints its arguments (a test provider)."),
        terminal.out());
  }

  @Test
  void withoutAProviderItsCommandIsAnUnknownArgument() {
    Terminal terminal = new Terminal();
    int exit = terminal.run(Graphs.inventory(), "echo", "hello");
    assertEquals(2, exit);
    assertEquals("error: Unmatched arguments from index 0: 'echo', 'hello'\n"
        + "Run 'ConnectorMain --help' for usage.\n", terminal.err());
  }

  @Test
  void contextRunIsTheRunCommandWithTheStepsExecutedRemotely() throws Exception {
    Terminal terminal = new Terminal();
    Path output = dir.resolve("out.jsonl");
    int exit = withProvider(() -> terminal.run(Graphs.inventory(), "echo", "remote", "--state",
        dir.resolve("state").toString(), "--output", output.toString()));
    assertEquals(0, exit, terminal.err());
    assertEquals("", Files.readString(output));
    assertTrue(terminal.err().contains("Wrote 0 entities and 0 relationships to "), terminal.err());
    ConnectorGraph graph = Graphs.inventory();
    assertEquals(1, dev.stepgraph.runtime.store.RunStore.directory(dir.resolve("state"))
        .runs(graph.id()).size());
  }

  @Test
  void contextRunRefusesNoState() throws Exception {
    Terminal terminal = new Terminal();
    int exit = withProvider(() -> terminal.run(Graphs.inventory(), "echo", "remote",
        "--no-state"));
    assertEquals(2, exit);
    assertEquals("error: --no-state: the steps run elsewhere write to the run store, which"
        + " --state names\nRun 'ConnectorMain --help' for usage.\n", terminal.err());
  }

}
