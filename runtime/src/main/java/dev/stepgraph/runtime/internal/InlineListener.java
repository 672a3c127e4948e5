package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.run.RunListener;

/**
 * A listener of the runtime's own that takes each event on the thread that publishes it, not on a
 * thread of its own as {@link EventDispatch} gives every other listener: for a listener that only
 * updates a little state under a lock, a thread and a queue of its own cost a 1,000-step run on
 * JDK 25 about 5 % of its time (BENCHMARKS.md). It must return at once and never block; what it
 * throws is reported as any listener's. Events that different threads publish reach it in either
 * order, and two threads may call it at once.
 */
public interface InlineListener extends RunListener {}
