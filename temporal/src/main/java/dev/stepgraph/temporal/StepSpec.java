package dev.stepgraph.temporal;

import java.util.List;

/**
 * One step of a {@link GraphInput}: its place in the graph and its policy, in plain values.
 *
 * @param id the step
 * @param wave its wave
 * @param dependsOn the steps it depends on, in declaration order
 * @param timeoutMillis the timeout of one attempt; 0 for none
 * @param attempts the attempts its retry policy allows, at least 1
 * @param initialIntervalMillis the backoff after the first attempt
 * @param backoffCoefficient the backoff's growth per attempt
 * @param maxIntervalMillis the longest backoff; 0 for no bound
 * @param skipOnDependencyFailure whether it is skipped when a dependency did not succeed
 */
public record StepSpec(
    String id,
    int wave,
    List<String> dependsOn,
    long timeoutMillis,
    int attempts,
    long initialIntervalMillis,
    double backoffCoefficient,
    long maxIntervalMillis,
    boolean skipOnDependencyFailure) {}
