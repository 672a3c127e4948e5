package dev.stepgraph;

/**
 * When the steps of a connector start. Either way a step starts only after every step it depends
 * on has finished, and its prior data does not depend on timing.
 */
public enum Schedule {
  /**
   * Wave by wave: a step's wave is one more than the highest wave of its dependencies, and a wave
   * starts once the wave before it has finished. A step's prior data is what every step of every
   * earlier wave committed. Simple to reason about; a slow step holds up the whole next wave.
   */
  WAVES,

  /**
   * As soon as possible: a step starts once every step it depends on has finished, whatever else
   * is still running. A step's prior data is what the steps upstream of it (through {@code
   * dependsOn}, transitively) committed, and nothing else. The shortest run when step durations
   * differ; a step must declare every step whose data it reads.
   */
  EAGER
}
