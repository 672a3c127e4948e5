package dev.stepgraph.runtime.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The jitter of a real run's backoff: uniform in [0, 1), from the calling thread's random
 * generator. Tests inject a fixed one. A class, not a lambda: {@link RunScheduler} says why.
 */
public final class RandomJitter implements DoubleSupplier {
  @Override
  public double getAsDouble() {
    return ThreadLocalRandom.current().nextDouble();
  }
}
