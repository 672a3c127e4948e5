package dev.stepgraph.runtime.graph;

import dev.stepgraph.runtime.run.ConnectorCreationException;
import dev.stepgraph.runtime.run.ConnectorRunner;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connector instance a generated graph calls its step methods on, created once, when first
 * needed. For generated code: {@code X_StepGraph.create()} builds its graph around {@code
 * ConnectorInstance.lazy(X.class, X::new)}, so building the graph, as {@code plan} and {@code
 * graph} do, never runs the connector's constructor. {@link ConnectorRunner#run()} creates the
 * instance before the first step runs; if the constructor throws, the run ends there with a {@link
 * ConnectorCreationException} and no step runs. {@code X_StepGraph.create(X connector)} uses
 * {@link #of(Object)}.
 *
 * <p>Thread-safe. The constructor runs at most once, however many steps ask at the same time; if
 * it threw, every later {@link #get()} throws again without running it again.
 *
 * @param <T> the connector class
 */
public final class ConnectorInstance<T> {
  private final Class<?> type;
  private @Nullable Supplier<? extends T> constructor;
  private volatile @Nullable T instance;
  private @Nullable Throwable failure;

  private ConnectorInstance(
      Class<?> type, @Nullable Supplier<? extends T> constructor, @Nullable T instance) {
    this.type = type;
    this.constructor = constructor;
    this.instance = instance;
  }

  /** An instance of {@code type} that {@code constructor} creates on the first {@link #get()}. */
  public static <T> ConnectorInstance<T> lazy(Class<T> type, Supplier<? extends T> constructor) {
    return new ConnectorInstance<>(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(constructor, "constructor"),
        null);
  }

  /** The given, already created instance. */
  public static <T> ConnectorInstance<T> of(T instance) {
    return new ConnectorInstance<>(
        Objects.requireNonNull(instance, "connector").getClass(), null, instance);
  }

  /**
   * The instance, created now if this is the first call.
   *
   * @throws ConnectorCreationException if the constructor threw, now or on an earlier call
   */
  public T get() {
    T created = instance;
    return created != null ? created : create();
  }

  private synchronized T create() {
    T created = instance;
    if (created != null) {
      return created;
    }
    Throwable failed = failure;
    Supplier<? extends T> make = constructor;
    if (failed == null && make != null) {
      try {
        created = make.get();
        if (created == null) {
          throw new NullPointerException("the constructor returned null");
        }
        instance = created;
        constructor = null;
        return created;
      } catch (VirtualMachineError e) {
        throw e; // out of memory or stack: not the connector's doing, not worth remembering
      } catch (Throwable e) {
        failure = e;
        constructor = null;
        failed = e;
      }
    }
    throw new ConnectorCreationException(type, Objects.requireNonNull(failed, "failure"));
  }

  /** The connector class: the class given to {@link #lazy}, or that of the instance given to {@link #of}. */
  Class<?> type() {
    return type;
  }

  @Override
  public String toString() {
    return "ConnectorInstance[" + type.getName() + (instance != null ? ", created]" : "]");
  }
}
