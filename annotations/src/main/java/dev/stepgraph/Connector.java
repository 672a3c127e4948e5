package dev.stepgraph;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optional metadata of a connector class: any class with at least one {@link Step} method is a
 * connector, with or without this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Connector {

  /**
   * The connector id in lowercase kebab-case. When empty, it is the class's simple name in
   * kebab-case with a trailing {@code Connector} dropped: {@code AwsInventoryConnector} becomes
   * {@code aws-inventory}.
   */
  String id() default "";

  /** What the connector collects. When empty, the first sentence of the class's Javadoc. */
  String description() default "";

  /**
   * What the connector's steps do when a step they depend on did not succeed, unless a step says
   * otherwise: {@link OnDependencyFailure#RUN} (the default) or {@link OnDependencyFailure#SKIP}.
   * {@code INHERIT} has nothing to inherit from here and is a compile error.
   */
  OnDependencyFailure onDependencyFailure() default OnDependencyFailure.RUN;

  /**
   * When a step starts: {@link Schedule#WAVES} (the default), once every step of the wave before
   * it has finished; {@link Schedule#EAGER}, as soon as every step it depends on has finished.
   */
  Schedule schedule() default Schedule.WAVES;
}
