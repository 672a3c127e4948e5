package dev.stepgraph.temporal;

import java.util.List;

/**
 * What the {@link GraphWorkflow}'s query answers: the steps it started and those that ended, in
 * the order they did.
 */
public record Progress(List<String> started, List<Ended> ended, boolean finished) {}
