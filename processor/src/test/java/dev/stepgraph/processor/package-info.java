@NullMarked
package dev.stepgraph.processor;

import org.jspecify.annotations.NullMarked;
