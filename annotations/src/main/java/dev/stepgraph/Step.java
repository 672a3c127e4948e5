package dev.stepgraph;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a connector as a collection step.
 *
 * <p>A step method takes exactly one parameter of type {@code dev.stepgraph.runtime.StepContext},
 * returns {@code void} and may throw any exception. It must not be {@code private} or
 * {@code static}. The class that declares it is a connector: a top-level or static nested class,
 * not abstract, with a non-private no-argument constructor.
 *
 * <pre>{@code
 * @Step(id = "policies", dependsOn = "roles")
 * void policies(StepContext ctx) {
 *   for (Entity role : ctx.prior().entitiesByType("role")) { ... }
 * }
 * }</pre>
 *
 * <p>The Stepgraph annotation processor checks the step graph of every connector at compile time
 * (ids, dependencies, cycles) and generates its waves and a runnable {@code ConnectorMain}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Step {

  /**
   * The step id, unique within the connector, in lowercase kebab-case ({@code iam-users},
   * {@code ec2-instances}). Used in logs, events and on the command line.
   */
  String id();

  /**
   * What the step collects. When empty, the first sentence of the method's Javadoc is used.
   */
  String description() default "";

  /** Ids of the steps of the same connector that must complete before this one starts. */
  String[] dependsOn() default {};

  /**
   * How long one attempt of the step may take: {@code "500ms"}, {@code "30s"}, {@code "5m"},
   * {@code "1h"}, or ISO-8601 like {@code "PT30S"}. Empty (the default) means no limit. A step
   * past its timeout is interrupted and fails with {@code timed out after 30s}; its wave does not
   * wait for it, and what it emits late is discarded. Checked at compile time.
   */
  String timeout() default "";

  /**
   * What this step does when a step in its {@link #dependsOn()} did not succeed (failed, timed
   * out, was skipped or cancelled). A skip travels down the graph only through steps that also
   * say {@link OnDependencyFailure#SKIP}: a step in between that runs and succeeds ends it. {@link
   * OnDependencyFailure#INHERIT} (the default) takes the connector's setting, {@link
   * Connector#onDependencyFailure()}.
   */
  OnDependencyFailure onDependencyFailure() default OnDependencyFailure.INHERIT;

  /**
   * The entity and relationship types this step emits ({@code "host"}, {@code "aws_iam_user"}):
   * lowercase letters and digits, words separated by single {@code -} or {@code _}. Empty (the
   * default): the step may emit anything. A step that declares them and emits another type fails,
   * without retrying; types its code names as constants are checked at compile time.
   */
  String[] emits() default {};

  /**
   * The entity and relationship types this step reads from its prior data. Each must be emitted by
   * a step upstream of it (through {@link #dependsOn()}), which the processor checks. Empty (the
   * default): the step may read anything. A step that declares them and asks its prior data for
   * another type gets an exception.
   */
  String[] reads() default {};
}
