package dev.stepgraph.example;

import java.util.List;

/**
 * The remote inventory API the example connector collects from. {@link SimulatedCloudApi} is the
 * implementation that ships with the example; a real connector would call an HTTP API here.
 */
interface CloudApi {

  /** One page of users; {@code page} counts from 0, an empty list ends the listing. */
  List<ApiUser> listUsers(int page) throws ApiException, InterruptedException;

  List<ApiRole> listRoles() throws ApiException, InterruptedException;

  /** The policies attached to one role. */
  List<ApiPolicy> listPolicies(String roleId) throws ApiException, InterruptedException;

  /** One page of hosts; {@code page} counts from 0, an empty list ends the listing. */
  List<ApiHost> listHosts(int page) throws ApiException, InterruptedException;

  /** The services running on one host. */
  List<ApiService> listServices(String hostId) throws ApiException, InterruptedException;

  record ApiUser(String id, String name, String email, List<String> roleIds) {}

  record ApiRole(String id, String name, boolean privileged) {}

  record ApiPolicy(String id, String name, String roleId, List<String> actions) {}

  record ApiHost(String id, String name, String region, int cpus) {}

  record ApiService(String id, String name, String hostId, int port) {}

  /** An error answered by the remote API, such as an HTTP 503. */
  final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message);
    }
  }
}
