/**
 * The engine: the scheduler, step threads, attempts, prior data, event delivery. Not exported by
 * the module, and not an API: its types are public only for the runtime's other packages.
 */
@NullMarked
package dev.stepgraph.runtime.internal;

import org.jspecify.annotations.NullMarked;
