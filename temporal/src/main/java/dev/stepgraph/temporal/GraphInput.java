package dev.stepgraph.temporal;

import java.util.List;
import java.util.Map;

/**
 * The input of the {@link GraphWorkflow}: a graph as its description, so that the workflow's code
 * never changes per connector. Plain values only, as the workflow's history holds them.
 *
 * @param connectorId the connector, whose workers run the steps
 * @param runId the run
 * @param session the session of the run in its store, from 1
 * @param eager whether the schedule is EAGER (a step starts when its dependencies ended), not
 *     WAVES
 * @param steps every step of the graph, in graph order
 * @param toRun the steps to run
 * @param reused the steps a resume reuses, as they ended
 * @param taskQueue the task queue of the connector's workers, where the steps' activities go
 */
public record GraphInput(
    String connectorId,
    String runId,
    int session,
    boolean eager,
    List<StepSpec> steps,
    List<String> toRun,
    Map<String, Ended> reused,
    String taskQueue) {}
