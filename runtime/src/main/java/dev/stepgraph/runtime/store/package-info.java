/**
 * The run store: where a run records each step that finished, durably, so that a later run can
 * resume it ({@link dev.stepgraph.runtime.store.RunStore}). The runner writes to it through a
 * {@link dev.stepgraph.runtime.store.RunRecording}, and anyone reads a recorded run through a
 * {@link dev.stepgraph.runtime.store.RunReader}, without the lock; {@link
 * dev.stepgraph.runtime.store.RunStore#directory(java.nio.file.Path) the directory store} is the
 * one implementation here, and another (object storage, a database) implements the same three
 * interfaces without the scheduler changing.
 */
@NullMarked
package dev.stepgraph.runtime.store;

import org.jspecify.annotations.NullMarked;
