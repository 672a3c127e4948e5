package dev.stepgraph.runtime.internal;

import java.util.function.Supplier;

/**
 * Virtual threads for {@link StepThreads}, on JDK 21+. This is the placeholder a build on JDK 17
 * ships: a build on JDK 21 or later compiles src/main/java21's version of this class for release
 * 21 and puts it in its place, in the jar's root, not in a multi-release jar's {@code
 * META-INF/versions}. Opening a jar with versioned entries costs JDK 24+ a lambda's bootstrap:
 * 8 ms for a program that loads one class of the jar, 3 ms of {@code plan} (BENCHMARKS.md,
 * "Start-up without invokedynamic"). Only {@link StepThreads} uses this class, and only once it
 * found JDK 21 or later running: a JDK 17 never loads the release-21 class file
 * ({@code Jdk17RunIT}).
 */
final class VirtualThreads {
  private VirtualThreads() {}

  /** Whether this build runs steps on virtual threads: not this one, built on JDK 17. */
  static boolean built() {
    return false;
  }

  /** Not reached: {@link StepThreads} calls it only when {@link #built()}. */
  static void start(InterruptibleTask task) {
    throw new UnsupportedOperationException("this runtime was built without virtual threads");
  }

  /** Not reached: {@link StepThreads} calls it only when {@link #built()}. */
  static <T> T coordinate(String name, Supplier<T> coordinator) {
    throw new UnsupportedOperationException("this runtime was built without virtual threads");
  }
}
