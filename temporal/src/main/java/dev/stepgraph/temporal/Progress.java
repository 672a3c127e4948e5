package dev.stepgraph.temporal;

import java.util.List;

/**
 * What the {@link GraphWorkflow}'s query answers: the steps' starts and ends so far, in the order
 * they happened; a start is an entry of status {@code STARTED}.
 */
public record Progress(List<Ended> events, boolean finished) {}
