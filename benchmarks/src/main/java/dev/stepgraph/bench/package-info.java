/**
 * JMH benchmarks of the Stepgraph runtime against hand-written baselines; see BENCHMARKS.md at the
 * root. Fields that JMH fills in {@code @Setup} are non-null when a benchmark method runs.
 */
@NullMarked
package dev.stepgraph.bench;

import org.jspecify.annotations.NullMarked;
