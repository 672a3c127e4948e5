package dev.stepgraph.runtime.run;

/**
 * Receives the events of a run. Each listener is called on a thread of its own, one event at a
 * time and in the order they happened, never concurrently, in batches at most 10 ms apart while
 * events keep coming (an event waits that long at most, never for a later one); publishing an
 * event never waits for a listener, so a slow one holds up neither the steps nor the other
 * listeners. A listener that
 * throws (an exception or an error) does not affect the run: it keeps getting events, and what it
 * threw is reported once in {@link RunReport#warnings()}. The run waits a bounded time at its end
 * ({@link ConnectorRunner.Builder#eventWait}) for its listeners to take the last events.
 */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);
}
