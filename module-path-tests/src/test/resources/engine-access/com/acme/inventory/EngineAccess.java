package com.acme.inventory;

import dev.stepgraph.runtime.internal.*;

/**
 * Uses the engine, whose package the runtime does not export. Errors is public: on the class path
 * this compiles, on the module path it must not.
 */
final class EngineAccess {
  private EngineAccess() {}

  static String summary(Throwable error) {
    return Errors.summary(error);
  }
}
