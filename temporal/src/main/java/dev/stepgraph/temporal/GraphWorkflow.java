package dev.stepgraph.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The one workflow of every graph: runs the steps of a {@link GraphInput} as activities ({@link
 * StepActivity}), wave by wave or eagerly, and returns how each ended. A step that fails never
 * fails the workflow; the steps downstream of it run or are skipped by their policy.
 */
@WorkflowInterface
public interface GraphWorkflow {
  /** The workflow type's name, for clients without the interface. */
  String TYPE = "StepgraphGraph";

  /** Runs the graph; returns how the steps it ran ended, in the order they did. */
  @WorkflowMethod(name = TYPE)
  List<Ended> run(GraphInput input);

  /** The steps' starts and ends from the {@code from}-th on (0 for all). */
  @QueryMethod(name = "progress")
  Progress progress(int from);
}
