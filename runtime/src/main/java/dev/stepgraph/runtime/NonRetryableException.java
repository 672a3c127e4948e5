package dev.stepgraph.runtime;

import dev.stepgraph.runtime.graph.RetryPolicy;

/**
 * Thrown by a step for an error that retrying cannot fix (bad credentials, a missing permission):
 * the step fails at once, whatever its {@link RetryPolicy}.
 *
 * <pre>{@code
 * if (response.status() == 401) {
 *   throw new NonRetryableException("HTTP 401: check api.token");
 * }
 * }</pre>
 */
public class NonRetryableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
