package dev.stepgraph.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * A copy of an error whose message held the value of a secret configuration key, with that value
 * masked ({@link SecretMask}): it has the original's stack trace, and reads as the original's
 * class in {@link #toString()}, {@link Errors#summary} and {@link Errors#className}.
 */
final class MaskedThrowable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String className;
  private final String simpleName;

  MaskedThrowable(String className, String simpleName, @Nullable String message) {
    super(message);
    this.className = className;
    this.simpleName = simpleName;
  }

  /** The class of the original: {@code java.lang.IllegalStateException}. */
  String className() {
    return className;
  }

  /** Its simple name: {@code IllegalStateException}. */
  String simpleName() {
    return simpleName;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? className : className + ": " + message;
  }
}
