/**
 * The Stepgraph runtime. Exported, by audience:
 *
 * <ul>
 *   <li>{@code dev.stepgraph.runtime}: what a step author uses ({@code StepContext}, {@code
 *       Entity}, {@code Relationship}, {@code PriorData}, {@code Config}, and the exceptions a
 *       step throws to say how it ended);
 *   <li>{@code dev.stepgraph.runtime.run}: embedding, running a graph from your own code ({@code
 *       ConnectorRunner}, {@code RunReport}, {@code RunEvent} and listeners);
 *   <li>{@code dev.stepgraph.runtime.graph}: what the generated code builds (the graph, its steps
 *       and their policies);
 *   <li>{@code dev.stepgraph.runtime.store}: the run store a run records itself in, so that a
 *       later run can resume it ({@code RunStore}, its directory implementation, and what it
 *       records);
 *   <li>{@code dev.stepgraph.runtime.cli}: the command line that a generated {@code
 *       ConnectorMain} calls.
 * </ul>
 *
 * The engine ({@code dev.stepgraph.runtime.internal}) is not exported, nor is {@code
 * dev.stepgraph.runtime.javac}, a check javac runs when a connector is compiled without the
 * annotation processor.
 */
module dev.stepgraph.runtime {
  requires transitive dev.stepgraph.annotations;
  requires transitive org.jspecify;
  requires transitive org.slf4j;
  requires com.fasterxml.jackson.core;
  requires info.picocli;
  requires java.logging;
  // Only inside javac, for dev.stepgraph.runtime.javac (declared in META-INF/services for the class
  // path, where javac looks for it): never needed to run a connector.
  requires static jdk.compiler;

  exports dev.stepgraph.runtime;
  exports dev.stepgraph.runtime.graph;
  exports dev.stepgraph.runtime.run;
  exports dev.stepgraph.runtime.store;
  exports dev.stepgraph.runtime.cli;

  // Commands other libraries add to the command line (dev.stepgraph.runtime.cli.CliCommandProvider).
  uses dev.stepgraph.runtime.cli.CliCommandProvider;
}
