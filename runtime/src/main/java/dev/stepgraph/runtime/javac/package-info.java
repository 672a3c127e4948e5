/**
 * A check that runs inside javac, not at run time: when a connector is compiled without the
 * Stepgraph annotation processor, it makes the build fail and says how to configure it. Not
 * exported by the module, and not an API.
 */
@NullMarked
package dev.stepgraph.runtime.javac;

import org.jspecify.annotations.NullMarked;
