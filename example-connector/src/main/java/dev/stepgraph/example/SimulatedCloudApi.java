package dev.stepgraph.example;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.NonRetryableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated cloud inventory: deterministic data (the same settings give the same inventory),
 * sizes and latency set in the configuration, and one endpoint that can be made to fail.
 *
 * <table>
 *   <caption>Configuration keys (environment variable in brackets)</caption>
 *   <tr><td>{@code api.token} ({@code API_TOKEN})</td><td>required, secret: the API token; any
 *       value is accepted</td></tr>
 *   <tr><td>{@code inventory.users} ({@code INVENTORY_USERS})</td><td>number of users, default 40</td></tr>
 *   <tr><td>{@code inventory.roles}</td><td>number of roles, default 6</td></tr>
 *   <tr><td>{@code inventory.hosts}</td><td>number of hosts, default 12</td></tr>
 *   <tr><td>{@code inventory.services-per-host}</td><td>default 3</td></tr>
 *   <tr><td>{@code api.page-size}</td><td>items per page of users and hosts, default 20</td></tr>
 *   <tr><td>{@code api.latency-ms} ({@code API_LATENCY_MS})</td><td>latency of every call, default 25</td></tr>
 *   <tr><td>{@code api.fail} ({@code API_FAIL})</td><td>an endpoint that always answers HTTP 503:
 *       {@code users}, {@code roles}, {@code policies}, {@code hosts} or {@code services}</td></tr>
 *   <tr><td>{@code api.flaky} ({@code API_FLAKY})</td><td>an endpoint whose first calls answer
 *       HTTP 503, then succeed</td></tr>
 *   <tr><td>{@code api.flaky-failures}</td><td>how many calls of the flaky endpoint fail, default 1</td></tr>
 *   <tr><td>{@code api.unauthorized} ({@code API_UNAUTHORIZED})</td><td>an endpoint that answers
 *       HTTP 401, which no retry can fix</td></tr>
 * </table>
 *
 * <p>One instance serves a whole run, so a flaky endpoint recovers across retries.
 */
final class SimulatedCloudApi implements CloudApi {

  private static final String[] FIRST_NAMES = {
    "ada", "alan", "barbara", "dennis", "edsger", "frances", "grace", "john", "ken", "leslie",
    "linus", "margaret", "niklaus", "radia", "tim"
  };
  private static final String[] ROLE_NAMES = {
    "admin", "developer", "auditor", "operator", "billing", "support", "security", "readonly"
  };
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};
  private static final String[] SERVICE_NAMES = {"nginx", "postgres", "redis", "sshd", "kafka"};
  private static final String[][] ACTIONS = {
    {"*"}, {"repo:read", "repo:write", "deploy"}, {"audit:read"}, {"hosts:restart", "hosts:read"},
    {"billing:read"}, {"tickets:read", "tickets:write"}, {"audit:read", "keys:rotate"}, {"*:read"}
  };

  private final int users;
  private final int roles;
  private final int hosts;
  private final int servicesPerHost;
  private final int pageSize;
  private final long latencyMillis;
  private final String failingEndpoint;
  private final String flakyEndpoint;
  private final AtomicInteger flakyFailuresLeft;
  private final String unauthorizedEndpoint;
  private final String token;

  SimulatedCloudApi(
      int users,
      int roles,
      int hosts,
      int servicesPerHost,
      int pageSize,
      long latencyMillis,
      String failingEndpoint,
      String flakyEndpoint,
      int flakyFailures,
      String unauthorizedEndpoint,
      String token) {
    this.users = users;
    this.roles = Math.max(1, roles);
    this.hosts = hosts;
    this.servicesPerHost = servicesPerHost;
    this.pageSize = Math.max(1, pageSize);
    this.latencyMillis = latencyMillis;
    this.failingEndpoint = failingEndpoint;
    this.flakyEndpoint = flakyEndpoint;
    this.flakyFailuresLeft = new AtomicInteger(flakyFailures);
    this.unauthorizedEndpoint = unauthorizedEndpoint;
    this.token = token;
  }

  /** The API as configured; see the class comment for the keys. */
  static SimulatedCloudApi fromConfig(Config config) {
    return new SimulatedCloudApi(
        config.getInt("inventory.users", 40),
        config.getInt("inventory.roles", 6),
        config.getInt("inventory.hosts", 12),
        config.getInt("inventory.services-per-host", 3),
        config.getInt("api.page-size", 20),
        config.getLong("api.latency-ms", 25),
        config.get("api.fail").orElse(""),
        config.get("api.flaky").orElse(""),
        config.getInt("api.flaky-failures", 1),
        config.get("api.unauthorized").orElse(""),
        config.require("api.token"));
  }

  @Override
  public List<ApiUser> listUsers(int page) throws ApiException, InterruptedException {
    call("users", "/v1/users?page=" + page);
    List<ApiUser> result = new ArrayList<>();
    for (int i = page * pageSize; i < Math.min(users, (page + 1) * pageSize); i++) {
      String name = FIRST_NAMES[i % FIRST_NAMES.length] + (i / FIRST_NAMES.length + 1);
      List<String> roleIds =
          i % 3 == 0 ? List.of(roleId(i % roles), roleId((i + 1) % roles)) : List.of(roleId(i % roles));
      result.add(new ApiUser(String.format("u-%04d", i), name, name + "@example.com", roleIds));
    }
    return result;
  }

  @Override
  public List<ApiRole> listRoles() throws ApiException, InterruptedException {
    call("roles", "/v1/roles");
    List<ApiRole> result = new ArrayList<>();
    for (int i = 0; i < roles; i++) {
      result.add(new ApiRole(roleId(i), roleName(i), i == 0 || i == 6));
    }
    return result;
  }

  @Override
  public List<ApiPolicy> listPolicies(String roleId) throws ApiException, InterruptedException {
    call("policies", "/v1/roles/" + roleId + "/policies");
    int role = Integer.parseInt(roleId.substring(roleId.lastIndexOf('-') + 1));
    String name = roleName(role);
    return List.of(
        new ApiPolicy(
            "p-" + name + "-base", name + "-base", roleId, List.of(ACTIONS[role % ACTIONS.length])),
        new ApiPolicy("p-" + name + "-mfa", name + "-require-mfa", roleId, List.of("mfa:require")));
  }

  @Override
  public List<ApiHost> listHosts(int page) throws ApiException, InterruptedException {
    call("hosts", "/v1/hosts?page=" + page);
    List<ApiHost> result = new ArrayList<>();
    for (int i = page * pageSize; i < Math.min(hosts, (page + 1) * pageSize); i++) {
      result.add(
          new ApiHost(
              String.format("i-%08x", 0x5eed0000 + i),
              "web-" + (i + 1),
              REGIONS[i % REGIONS.length],
              2 << (i % 3)));
    }
    return result;
  }

  @Override
  public List<ApiService> listServices(String hostId) throws ApiException, InterruptedException {
    call("services", "/v1/hosts/" + hostId + "/services");
    List<ApiService> result = new ArrayList<>();
    for (int i = 0; i < servicesPerHost; i++) {
      String name = SERVICE_NAMES[i % SERVICE_NAMES.length];
      result.add(new ApiService(hostId + "/" + name, name, hostId, 8000 + i));
    }
    return result;
  }

  private static String roleId(int i) {
    return "r-" + i;
  }

  private static String roleName(int i) {
    return ROLE_NAMES[i % ROLE_NAMES.length] + (i < ROLE_NAMES.length ? "" : "-" + i);
  }

  /** One remote call: waits the configured latency, then fails if this endpoint is set to fail. */
  private void call(String endpoint, String path) throws ApiException, InterruptedException {
    if (latencyMillis > 0) {
      Thread.sleep(latencyMillis);
    }
    if (endpoint.equals(unauthorizedEndpoint)) {
      // A real client knows that retrying a refused credential cannot help.
      // A real client's error names the credential it sent; the run masks it.
      throw new NonRetryableException(
          "HTTP 401 Unauthorized from GET " + path + ": the API token '" + token
              + "' was refused; check api.token");
    }
    if (endpoint.equals(failingEndpoint)) {
      throw new ApiException(
          "HTTP 503 Service Unavailable from GET " + path + " (api.fail=" + endpoint + ")");
    }
    if (endpoint.equals(flakyEndpoint) && flakyFailuresLeft.getAndDecrement() > 0) {
      throw new ApiException(
          "HTTP 503 Service Unavailable from GET " + path + " (api.flaky=" + endpoint + ")");
    }
  }
}
