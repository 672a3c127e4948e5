package dev.stepgraph.runtime.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event. */
final class Recorder implements RunListener {
  final List<RunEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(RunEvent event) {
    events.add(event);
  }

  <T extends RunEvent> List<T> of(Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (RunEvent event : events) {
      if (type.isInstance(event)) {
        matching.add(type.cast(event));
      }
    }
    return matching;
  }
}
