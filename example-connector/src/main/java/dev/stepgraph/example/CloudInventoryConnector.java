package dev.stepgraph.example;

import dev.stepgraph.ConfigKey;
import dev.stepgraph.OnDependencyFailure;
import dev.stepgraph.Retry;
import dev.stepgraph.Step;
import dev.stepgraph.example.CloudApi.ApiHost;
import dev.stepgraph.example.CloudApi.ApiPolicy;
import dev.stepgraph.example.CloudApi.ApiRole;
import dev.stepgraph.example.CloudApi.ApiService;
import dev.stepgraph.example.CloudApi.ApiUser;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.PriorData;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the inventory of a cloud account: IAM users, roles and policies, hosts and the services
 * running on them, and the relationships between them.
 *
 * <p>The connector id is derived from the class name: {@code cloud-inventory}. The processor checks
 * the step graph below at compile time and generates {@code CloudInventoryConnector_StepGraph} and
 * {@code ConnectorMain} next to this class.
 *
 * <p>Policies as a real connector would set them: the listing steps talk to a remote API that
 * answers 503 now and then, so they retry with backoff, and every step has a timeout so that a
 * hung call cannot stall a scheduled run. {@code services} has nothing to do without hosts, so it
 * is skipped when {@code hosts} failed; {@code relationships} wires whatever was collected.
 *
 * <p>Each step declares the types it emits and reads. The processor checks that every type read
 * is emitted upstream and that the types the code names are declared; the runtime fails a step
 * that emits, or asks for, another ({@code relationships} reads roles and hosts by key, through
 * {@code entityByKey}, which counts as reading their type).
 *
 * <p>The configuration keys the simulated API reads ({@link SimulatedCloudApi}) are declared here:
 * a run without {@code api.token}, or with a key in its {@code --config} file that is not one of
 * these, stops before the first step, and {@code api.token} is a secret, masked wherever the run
 * would print it.
 */
@ConfigKey(name = "api.token", required = true, secret = true,
    description = "API token, sent with every call (the simulated API takes any)")
@ConfigKey(name = "api.page-size", description = "Items per page of users and hosts, default 20")
@ConfigKey(name = "api.latency-ms", description = "Latency of every call in milliseconds, default 25")
@ConfigKey(name = "api.fail", description = "An endpoint that always answers HTTP 503: users, roles, policies, hosts or services")
@ConfigKey(name = "api.flaky", description = "An endpoint whose first calls answer HTTP 503, then succeed")
@ConfigKey(name = "api.flaky-failures", description = "How many calls of the flaky endpoint fail, default 1")
@ConfigKey(name = "api.unauthorized", description = "An endpoint that answers HTTP 401, which no retry can fix")
@ConfigKey(name = "inventory.users", description = "Number of users, default 40")
@ConfigKey(name = "inventory.roles", description = "Number of roles, default 6")
@ConfigKey(name = "inventory.hosts", description = "Number of hosts, default 12")
@ConfigKey(name = "inventory.services-per-host", description = "Services on each host, default 3")
public class CloudInventoryConnector {

  /** One client per run, shared by the steps, so a flaky endpoint recovers across retries. */
  private @Nullable CloudApi api;

  /** Collects the account's IAM users, page by page. */
  @Step(id = "users", timeout = "2m", emits = "user")
  @Retry(attempts = 3, backoff = "500ms")
  void users(StepContext ctx) throws Exception {
    CloudApi api = api(ctx);
    int page = 0;
    for (List<ApiUser> users = api.listUsers(page); !users.isEmpty(); users = api.listUsers(++page)) {
      for (ApiUser user : users) {
        ctx.emit(
            Entity.of("user", user.id())
                .with("name", user.name())
                .with("email", user.email())
                .with("roleIds", user.roleIds()));
      }
    }
  }

  /** Collects the account's IAM roles. */
  @Step(id = "roles", timeout = "1m", emits = "role")
  @Retry(attempts = 3, backoff = "500ms")
  void roles(StepContext ctx) throws Exception {
    for (ApiRole role : api(ctx).listRoles()) {
      ctx.emit(
          Entity.of("role", role.id())
              .with("name", role.name())
              .with("privileged", role.privileged()));
    }
  }

  /** Collects the virtual machines, page by page. */
  @Step(id = "hosts", timeout = "2m", emits = "host")
  @Retry(attempts = 3, backoff = "500ms")
  void hosts(StepContext ctx) throws Exception {
    CloudApi api = api(ctx);
    int page = 0;
    for (List<ApiHost> hosts = api.listHosts(page); !hosts.isEmpty(); hosts = api.listHosts(++page)) {
      for (ApiHost host : hosts) {
        ctx.emit(
            Entity.of("host", host.id())
                .with("name", host.name())
                .with("region", host.region())
                .with("cpus", host.cpus()));
      }
    }
  }

  /** Collects the policies attached to each role collected by {@code roles}. */
  @Step(id = "policies", dependsOn = "roles", timeout = "5m", reads = "role", emits = "policy")
  void policies(StepContext ctx) throws Exception {
    CloudApi api = api(ctx);
    List<Entity> roles = ctx.prior().entitiesByType("role");
    if (roles.isEmpty()) {
      ctx.skip("no roles were collected");
    }
    for (Entity role : roles) {
      ctx.checkCancelled();
      for (ApiPolicy policy : api.listPolicies(role.key())) {
        ctx.emit(
            Entity.of("policy", policy.id())
                .with("name", policy.name())
                .with("roleId", policy.roleId())
                .with("actions", policy.actions()));
      }
    }
  }

  /** Collects the services running on each host collected by {@code hosts}. */
  @Step(
      id = "services",
      dependsOn = "hosts",
      timeout = "5m",
      onDependencyFailure = OnDependencyFailure.SKIP,
      reads = "host",
      emits = "service")
  void services(StepContext ctx) throws Exception {
    CloudApi api = api(ctx);
    for (Entity host : ctx.prior().entitiesByType("host")) {
      ctx.checkCancelled();
      for (ApiService service : api.listServices(host.key())) {
        ctx.emit(
            Entity.of("service", service.id())
                .with("name", service.name())
                .with("hostId", service.hostId())
                .with("port", service.port()));
      }
    }
  }

  /**
   * Wires users to their roles, roles to their policies and hosts to their services, from the
   * entities of every earlier step. An edge whose end is missing (its step failed) is left out
   * with a warning.
   */
  @Step(
      id = "relationships",
      dependsOn = {"users", "roles", "policies", "hosts", "services"},
      timeout = "1m",
      reads = {"user", "role", "policy", "host", "service"},
      emits = {"user-has-role", "role-has-policy", "host-runs-service"})
  void relationships(StepContext ctx) {
    PriorData prior = ctx.prior();
    int missing = 0;
    for (Entity user : prior.entitiesByType("user")) {
      for (Object roleId : (List<?>) user.properties().getOrDefault("roleIds", List.of())) {
        missing += link(ctx, "user-has-role", user.key(), roleId.toString());
      }
    }
    for (Entity policy : prior.entitiesByType("policy")) {
      missing += link(ctx, "role-has-policy", String.valueOf(policy.property("roleId")), policy.key());
    }
    for (Entity service : prior.entitiesByType("service")) {
      missing += link(ctx, "host-runs-service", String.valueOf(service.property("hostId")), service.key());
    }
    if (missing > 0) {
      ctx.log().warn("left out {} relationships whose entities were not collected", missing);
    }
  }

  /** Emits the relationship if both ends were collected; returns 1 if one is missing, else 0. */
  private static int link(StepContext ctx, String type, String fromKey, String toKey) {
    PriorData prior = ctx.prior();
    if (prior.entityByKey(fromKey).isEmpty() || prior.entityByKey(toKey).isEmpty()) {
      return 1;
    }
    ctx.emit(Relationship.of(type, fromKey, toKey));
    return 0;
  }

  private synchronized CloudApi api(StepContext ctx) {
    if (api == null) {
      api = SimulatedCloudApi.fromConfig(ctx.config());
    }
    return api;
  }
}
