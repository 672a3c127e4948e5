package dev.stepgraph.runtime;

import dev.stepgraph.runtime.run.StepStatus;

import java.util.Set;
import org.slf4j.Logger;

/**
 * What a running step sees: its id, where to emit entities and relationships, the entities of
 * earlier waves, a logger, the connector's configuration and the cancellation signal.
 *
 * <p>One context per attempt of a step (a retried step gets a fresh one, with nothing emitted
 * yet); it must not be used after the step method returns. A step method still running after its
 * attempt timed out sees {@link #isCancelled()} true, and what it emits or logs is ignored.
 */
public interface StepContext {

  /** The id of the running step. */
  String stepId();

  /**
   * Emits an entity. It counts only if the step succeeds. Its key must be unique within the run:
   * emitting a key that this or another step already emitted fails this step.
   */
  void emit(Entity entity);

  /** Emits a relationship between two entity keys. It counts only if the step succeeds. */
  void emit(Relationship relationship);

  /**
   * A snapshot, taken when this step's wave started, of every entity and relationship emitted by
   * the steps of earlier waves that succeeded. Steps of the same wave never see each other.
   */
  PriorData prior();

  /**
   * The step's logger. Its lines become events of the run (on stderr by default, in the JSON
   * event stream with {@code --events json}), tagged with the step id.
   */
  Logger log();

  /**
   * The ids of the steps this step depends on, directly or through other steps, that did not
   * succeed: they failed, timed out, were skipped or cancelled, or did not run. Empty when every
   * step upstream succeeded; in graph order (wave, then declaration) otherwise. Such a step runs
   * (unless its policy skips it) on {@link #prior() prior data} without what those steps would
   * have emitted, so a step whose result would be wrong without it can tell, and skip or fail:
   *
   * <pre>{@code
   * if (ctx.failedDependencies().contains("members")) {
   *   ctx.skip("members did not succeed: cannot tell collaborators from members");
   * }
   * }</pre>
   *
   * A step that succeeds while this is not empty is reported as partial: its {@code StepResult}
   * says {@code partial()}, and the events and the summary name it.
   */
  Set<String> failedDependencies();

  /**
   * The connector's configuration: the {@code --config} properties file and the environment. In a
   * connector that declares its keys ({@code @ConfigKey}), the required ones are set: the run
   * checked that before its first step.
   */
  Config config();

  /**
   * Whether the run was cancelled (Ctrl-C) or this step was asked to stop. Long loops should
   * check it, or call {@link #checkCancelled()}; blocking calls are interrupted as well.
   */
  boolean isCancelled();

  /**
   * Throws {@link java.util.concurrent.CancellationException} if {@link #isCancelled()}.
   */
  void checkCancelled();

  /**
   * Ends this step as {@link StepStatus#SKIPPED}, for example when there is nothing to collect in
   * this account; what it emitted is discarded. Throws {@link StepSkippedException}; let it
   * propagate. The skip is recorded in the context too, so the step ends skipped even if the
   * exception is caught. A skip is not a failure and is never retried.
   *
   * @param reason why, shown in the events and the report: {@code no organization configured}
   * @throws StepSkippedException always
   */
  default void skip(String reason) {
    throw new StepSkippedException(reason);
  }
}
