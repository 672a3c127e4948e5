package com.acme.inventory;

import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;

/** A tiny connector, compiled and run by ModulePathIT on the module path and on the class path. */
public class InventoryConnector {

  /** Collects the hosts. */
  @Step(id = "hosts")
  void hosts(StepContext ctx) {
    ctx.emit(Entity.of("host", "h-1").with("name", "web"));
    ctx.emit(Entity.of("host", "h-2").with("name", "db"));
  }

  /** Says where the steps run: in which modules, and whether on a virtual thread. */
  @Step(id = "environment")
  void environment(StepContext ctx) throws ReflectiveOperationException {
    ctx.emit(
        Entity.of("environment", "environment")
            .with("connectorModule", name(InventoryConnector.class.getModule()))
            .with("runtimeModule", name(StepContext.class.getModule()))
            .with("virtualThread", isVirtual(Thread.currentThread())));
  }

  /** Collects the service each host runs. */
  @Step(id = "services", dependsOn = "hosts")
  void services(StepContext ctx) {
    for (Entity host : ctx.prior().entitiesByType("host")) {
      String key = "s-" + host.key();
      ctx.emit(Entity.of("service", key).with("hostId", host.key()));
      ctx.emit(Relationship.of("host-runs-service", host.key(), key));
    }
  }

  private static String name(Module module) {
    return module.isNamed() ? module.getName() : "unnamed";
  }

  /** {@code thread.isVirtual()}, which is JDK 21: this class is compiled with --release 17. */
  private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
    try {
      return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    } catch (NoSuchMethodException beforeJdk21) {
      return false;
    }
  }
}
