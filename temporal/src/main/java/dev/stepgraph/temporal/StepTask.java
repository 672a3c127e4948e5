package dev.stepgraph.temporal;

import java.util.List;

/**
 * The input of one step's activity: the step, and how the steps whose data is its prior data
 * ended (WAVES: every step of an earlier wave; EAGER: the steps upstream of it), as references.
 *
 * @param connectorId the connector
 * @param runId the run
 * @param session the run's session
 * @param stepId the step to run
 * @param prior the steps before it, in graph order
 */
public record StepTask(
    String connectorId, String runId, int session, String stepId, List<Ended> prior) {}
