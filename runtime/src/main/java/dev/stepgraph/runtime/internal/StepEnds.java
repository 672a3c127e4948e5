package dev.stepgraph.runtime.internal;

/** Told when a step has ended, once per step: its wave, or the eager schedule. */
interface StepEnds {
  void stepDone(StepRun step);
}
