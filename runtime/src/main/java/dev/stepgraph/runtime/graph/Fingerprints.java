package dev.stepgraph.runtime.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The fingerprints of a graph's steps: the given ones, and the missing ones computed. */
final class Fingerprints {
  private Fingerprints() {}

  /**
   * Every step's fingerprint, in step order: the given one, or one computed over the step's
   * declaration and its dependencies' fingerprints. Steps come in wave order, so a step's
   * dependencies are fingerprinted before it.
   */
  static Map<String, String> complete(
      List<StepDefinition> steps, Map<String, StepDefinition> byId, Map<String, String> given) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (StepDefinition step : steps) {
      String fingerprint = given.get(step.id());
      if (fingerprint == null) {
        fingerprint = ofDeclaration(step, fingerprints);
      }
      fingerprints.put(step.id(), fingerprint);
    }
    return Collections.unmodifiableMap(fingerprints);
  }

  private static String ofDeclaration(StepDefinition step, Map<String, String> upstream) {
    StringBuilder text = new StringBuilder("declaration\n");
    text.append("id ").append(step.id()).append('\n');
    text.append("description ").append(step.description()).append('\n');
    text.append("policy ").append(step.policy()).append('\n');
    text.append("emits ").append(new TreeSet<>(step.contract().emits())).append('\n');
    text.append("reads ").append(new TreeSet<>(step.contract().reads())).append('\n');
    for (String dependency : step.dependsOn()) {
      text.append("dependency ").append(dependency).append(' ')
          .append(upstream.getOrDefault(dependency, "?")).append('\n');
    }
    return sha256(text.toString());
  }

  /** The first 16 bytes of the SHA-256 of the text, in hex. */
  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
