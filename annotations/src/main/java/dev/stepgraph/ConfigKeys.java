package dev.stepgraph;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The container of repeated {@link ConfigKey} annotations: javac writes it when a class has more
 * than one; write {@code @ConfigKey} several times instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ConfigKeys {

  /** The declared keys, in declaration order. */
  ConfigKey[] value();
}
