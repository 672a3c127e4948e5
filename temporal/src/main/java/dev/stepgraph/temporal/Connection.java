package dev.stepgraph.temporal;

import dev.stepgraph.runtime.cli.UsageException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/** A connection to a Temporal service at {@code HOST:PORT}, checked before anything runs. */
final class Connection implements AutoCloseable {
  /** How long a service has to answer its health check. */
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

  /** How long a progress query may take. */
  private static final Duration QUERY_WAIT = Duration.ofSeconds(2);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private Connection(WorkflowServiceStubs stubs, WorkflowClient client) {
    this.stubs = stubs;
    this.client = client;
  }

  /**
   * @throws UsageException if the target is not {@code HOST:PORT}, or no Temporal service answers
   *     there
   */
  static Connection open(String command, String target, String namespace) {
    int colon = target.lastIndexOf(':');
    boolean port = colon > 0 && colon < target.length() - 1
        && target.substring(colon + 1).chars().allMatch(Character::isDigit);
    if (!port) {
      throw new UsageException(command + ": --target must be HOST:PORT, was '" + target + "'");
    }
    WorkflowServiceStubs stubs;
    try {
      stubs =
          WorkflowServiceStubs.newConnectedServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(target)
                  // A query the workflow's worker cannot answer (it died) fails soon: the
                  // follower asks again on its next poll, while the engine moves the workflow on.
                  .setRpcQueryTimeout(QUERY_WAIT)
                  .build(),
              CONNECT_WAIT);
    } catch (RuntimeException unreachable) {
      throw new UsageException(
          command + ": no Temporal service answers at " + target + " (within "
              + CONNECT_WAIT.toSeconds() + "s): start one, or give its address with --target");
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    return new Connection(stubs, client);
  }

  WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
