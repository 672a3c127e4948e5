package dev.stepgraph.runtime;

/**
 * Receives the events of a run. Calls are serialized: one at a time, never concurrently, although
 * they may come from different threads. A listener that throws does not affect the run.
 */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);
}
