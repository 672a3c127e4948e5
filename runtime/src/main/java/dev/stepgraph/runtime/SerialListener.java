package dev.stepgraph.runtime;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Delivers events to the listeners one at a time; a throwing listener is ignored. */
final class SerialListener {
  private final List<RunListener> listeners;
  private final ReentrantLock lock = new ReentrantLock();

  SerialListener(List<RunListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void publish(RunEvent event) {
    if (listeners.isEmpty()) {
      return; // an embedder without listeners: no lock per event
    }
    lock.lock();
    try {
      for (RunListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException ignored) {
          // A broken listener must not break the run or the other listeners.
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
