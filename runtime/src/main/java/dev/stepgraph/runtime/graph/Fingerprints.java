package dev.stepgraph.runtime.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The fingerprints of a graph's steps: the given ones, and the missing ones computed. */
final class Fingerprints {
  private final String connectorId;
  private final List<StepDefinition> steps;
  private final Map<String, String> given;
  // Computed on first use: hashing every step costs start-up that plan and graph never need.
  private volatile @Nullable Map<String, String> all;

  /** The fingerprints of the {@code steps} of connector {@code connectorId}, given some. */
  Fingerprints(String connectorId, List<StepDefinition> steps, Map<String, String> given) {
    this.connectorId = connectorId;
    this.steps = steps;
    this.given = given;
  }

  /**
   * The fingerprint of a step.
   *
   * @throws IllegalArgumentException for an unknown step id
   */
  String of(String stepId) {
    String fingerprint = all().get(stepId);
    if (fingerprint == null) {
      throw new IllegalArgumentException(
          "connector '" + connectorId + "': no step '" + stepId + "'");
    }
    return fingerprint;
  }

  /** The fingerprint the graph was given for this step (by generated code), or null. */
  @Nullable String given(String stepId) {
    return given.get(stepId);
  }

  /** Every step's fingerprint, in step order (see {@link #complete()}); computed once. */
  Map<String, String> all() {
    Map<String, String> computed = all;
    if (computed == null) {
      computed = complete();
      all = computed;
    }
    return computed;
  }

  /**
   * Every step's fingerprint, in step order: the given one, or one computed over the step's
   * declaration and its dependencies' fingerprints. Steps come in wave order, so a step's
   * dependencies are fingerprinted before it.
   */
  private Map<String, String> complete() {
    if (givenInStepOrder()) {
      return given; // what generated code gives: one per step, in the order of the steps
    }
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

  /** Whether a fingerprint is given for every step, and the given ones iterate in step order. */
  private boolean givenInStepOrder() {
    if (given.size() != steps.size()) {
      return false;
    }
    Iterator<String> givenIds = given.keySet().iterator();
    for (StepDefinition step : steps) {
      if (!step.id().equals(givenIds.next())) {
        return false;
      }
    }
    return true;
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
