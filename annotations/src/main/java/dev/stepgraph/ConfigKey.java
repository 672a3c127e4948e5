package dev.stepgraph;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a configuration key of a connector, on the connector class; repeatable.
 *
 * <pre>{@code
 * @ConfigKey(name = "api.token", required = true, secret = true, description = "API token, read-only scope")
 * @ConfigKey(name = "api.page-size", description = "Items per page, default 100")
 * public class GitHubConnector { ... }
 * }</pre>
 *
 * <p>A connector that declares at least one key is held to its declarations. At compile time the
 * processor checks the names, rejects a key declared twice, and makes a step that reads an
 * undeclared key by a constant ({@code ctx.config().require("api.tokn")}) a compile error. Before
 * its first step, a run stops with exit code 2 when a required key is not set, or when the {@code
 * --config} file sets a key that is not declared. {@code --help} and {@code plan} list the keys. A
 * secret key's value is never printed: where it would appear, in events, log lines, error
 * messages and the report, it reads {@code ****}.
 *
 * <p>A connector that declares no key reads any key, unchecked.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(ConfigKeys.class)
public @interface ConfigKey {

  /**
   * The key, as the {@code --config} properties file names it: lowercase dot-separated segments,
   * each a letter followed by letters and digits, words separated by single {@code -} or {@code
   * _} ({@code api.token}, {@code api.page-size}, {@code inventory.max_items}). The environment
   * variable that sets it is the key in upper case with every other character {@code _}: {@code
   * API_PAGE_SIZE}.
   */
  String name();

  /** Whether a run needs it: a run without it stops before its first step, with exit code 2. */
  boolean required() default false;

  /**
   * Whether its value is a secret (a token, a password): it is then masked as {@code ****}
   * wherever the run would print it.
   */
  boolean secret() default false;

  /** What the key sets, shown by {@code --help} and {@code plan}. */
  String description() default "";
}
