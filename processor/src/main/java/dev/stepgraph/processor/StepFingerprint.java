package dev.stepgraph.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * A step's own fingerprint: 32 hex characters of the SHA-256 of what decides what the step does,
 * as far as the compiler sees it. {@link CombinedFingerprints} adds those of the steps upstream.
 *
 * <ul>
 *   <li>its id and its {@code dependsOn} ids (each once, in any order);
 *   <li>its resolved policy: the timeout, the retries (attempts, backoffs, multiplier, jitter) and
 *       whether it is skipped on a dependency failure, the connector's default applied; a value
 *       written another way ({@code "60s"} for {@code "1m"}, a default written out) is the same;
 *   <li>its data contract, {@code emits} and {@code reads}, each a set (order and repeats do not count);
 *   <li>the source of the method, from its first modifier to its closing brace, as {@link
 *       JavaTokens} reduces it (formatting and comments do not count), without its {@code @Step}
 *       and {@code @Retry}, which count through the values above (so the description does not);
 *   <li>the source of every superclass method it overrides (the body that {@code super.users(ctx)}
 *       runs), compiled now or, from a class file, its declaration.
 * </ul>
 *
 * <p>Where javac's tree API is unavailable (another compiler, such as Eclipse's, or a wrapped
 * processing environment), or a method's source is not there (a class file), the fingerprint
 * reads the method's declaration instead: its modifiers, type parameters, return type, name,
 * parameter types and thrown types. An edit of the body then does not change it.
 *
 * <p>It sees nothing outside those methods: not the helpers they call, the fields and the
 * constructor of the connector, the libraries and API clients, the configuration or the data.
 */
final class StepFingerprint {
  /** The first line of every text fingerprinted: a new way to fingerprint changes every fingerprint. */
  private static final String VERSION = "stepgraph step fingerprint 1";

  private static final String STEP = ModelReader.STEP;
  private static final String RETRY = ModelReader.RETRY;

  private final Elements elements;
  private final @Nullable Trees trees;

  StepFingerprint(Elements elements, @Nullable Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /**
   * The own fingerprint of each step of a connector that passed the checks, in step order.
   *
   * @param policies the policy of each step, in step order ({@link ResolvedPolicy#allOf})
   */
  List<String> of(ConnectorModel connector, List<ResolvedPolicy> policies) {
    Map<CompilationUnitTree, CharSequence> files = new HashMap<>();
    MessageDigest digest = newSha256();
    List<String> fingerprints = new ArrayList<>(connector.steps().size());
    for (int i = 0; i < connector.steps().size(); i++) {
      fingerprints.add(sha256(digest, text(connector, connector.steps().get(i), policies.get(i), files)));
    }
    return fingerprints;
  }

  /** What is hashed: one length-prefixed field a line, so no two different steps give the same text. */
  private String text(
      ConnectorModel connector, StepModel step, ResolvedPolicy policy, Map<CompilationUnitTree, CharSequence> files) {
    StringBuilder text = new StringBuilder(VERSION).append('\n');
    field(text, "id", step.id());
    field(text, "dependsOn", set(step.dependsOn().stream().map(StepModel.Dependency::id).toList()));
    field(text, "timeout", policy.timeout() == null ? "none" : policy.timeout().toString());
    RetryModel retry = policy.retry();
    field(text, "retry", retry == null ? "none"
        : "attempts " + retry.attempts() + " backoff " + duration(retry.backoff()) + " multiplier "
            + Double.toHexString(retry.multiplier()) + " maxBackoff " + duration(retry.maxBackoff()) + " jitter "
            + Double.toHexString(retry.jitter()));
    field(text, "skipOnDependencyFailure", String.valueOf(policy.skipOnDependencyFailure()));
    field(text, "emits", set(step.emitted()));
    field(text, "reads", set(step.read()));
    StepModel.MethodSource source = step.source();
    field(text, "method", source == null ? declaration(step.method()) : code(step.method(), source.tree(),
        source.unit(), files));
    for (ExecutableElement overridden : overridden(step.method(), connector.type())) {
      field(text, "overrides", ((TypeElement) overridden.getEnclosingElement()).getQualifiedName() + " "
          + code(overridden, files));
    }
    return text.toString();
  }

  /** The method's tokens from its source compiled now, else its declaration. */
  private String code(ExecutableElement method, Map<CompilationUnitTree, CharSequence> files) {
    if (trees != null) {
      try {
        TreePath path = trees.getPath(method);
        if (path != null && path.getLeaf() instanceof MethodTree tree) {
          return code(method, tree, path.getCompilationUnit(), files);
        }
      } catch (RuntimeException e) {
        // javac could not find it: the declaration, as for a class file
      }
    }
    return declaration(method);
  }

  /**
   * {@code source <tokens>}: the text of {@code tree} between its start and end positions, its
   * {@code @Step} and {@code @Retry} cut out, reduced to its tokens; the declaration if javac has
   * no positions or the file cannot be read.
   */
  private String code(
      ExecutableElement method, MethodTree tree, CompilationUnitTree unit, Map<CompilationUnitTree, CharSequence> files) {
    Trees trees = this.trees;
    if (trees == null) {
      return declaration(method);
    }
    try {
      CharSequence file = files.get(unit);
      if (file == null) {
        file = unit.getSourceFile().getCharContent(true);
        files.put(unit, file);
      }
      SourcePositions positions = trees.getSourcePositions();
      long start = positions.getStartPosition(unit, tree);
      long end = positions.getEndPosition(unit, tree);
      if (start < 0 || end <= start || end > file.length()) {
        return declaration(method);
      }
      StringBuilder kept = new StringBuilder();
      long from = start;
      for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
        if (isStepOrRetry(annotation, unit, trees)) {
          long annotationStart = positions.getStartPosition(unit, annotation);
          long annotationEnd = positions.getEndPosition(unit, annotation);
          if (annotationStart < from || annotationEnd <= annotationStart || annotationEnd > end) {
            return declaration(method);
          }
          kept.append(file, (int) from, (int) annotationStart).append(' ');
          from = annotationEnd;
        }
      }
      kept.append(file, (int) from, (int) end);
      return "source " + JavaTokens.of(kept);
    } catch (IOException | RuntimeException e) {
      return declaration(method);
    }
  }

  /** Whether the annotation is Stepgraph's {@code @Step} or {@code @Retry}, by its type or, unresolved, its name. */
  private static boolean isStepOrRetry(AnnotationTree annotation, CompilationUnitTree unit, Trees trees) {
    // A path without the class above it: getElement answers from the tree, never attributes the class.
    Element type = trees.getElement(new TreePath(new TreePath(unit), annotation.getAnnotationType()));
    String name = type instanceof TypeElement typeElement
        ? typeElement.getQualifiedName().toString() : annotation.getAnnotationType().toString();
    return name.equals(STEP) || name.equals(RETRY) || (type == null && (name.equals("Step") || name.equals("Retry")));
  }

  /**
   * {@code declaration <modifiers> <type parameters> <return type> <name>(<parameter types>) throws
   * <types>}: what a class file or the element API tells of a method, without its body.
   */
  static String declaration(ExecutableElement method) {
    StringBuilder text = new StringBuilder("declaration");
    new TreeSet<>(method.getModifiers().stream().map(Modifier::toString).toList())
        .forEach(modifier -> text.append(' ').append(modifier));
    if (!method.getTypeParameters().isEmpty()) {
      text.append(" <");
      for (TypeParameterElement parameter : method.getTypeParameters()) {
        text.append(parameter.getSimpleName()).append(" extends");
        parameter.getBounds().forEach(bound -> text.append(' ').append(bound.toString()));
        text.append(';');
      }
      text.append('>');
    }
    text.append(' ').append(method.getReturnType().toString()).append(' ').append(method.getSimpleName()).append('(');
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(parameters.get(i).asType());
    }
    text.append(')');
    if (method.isVarArgs()) {
      text.append(" varargs");
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      text.append(" throws ").append(thrown.toString());
    }
    return text.toString();
  }

  /**
   * The methods of superclasses that {@code method} overrides, nearest first: a step that
   * overrides an inherited {@code @Step} method to make it a step of its own class often runs it
   * through {@code super}.
   */
  private List<ExecutableElement> overridden(ExecutableElement method, TypeElement connector) {
    List<ExecutableElement> overridden = new ArrayList<>();
    for (TypeElement type = InheritedSteps.superclass(connector); type != null; type = InheritedSteps.superclass(type)) {
      for (Element member : type.getEnclosedElements()) {
        if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(method.getSimpleName())
            && elements.overrides(method, (ExecutableElement) member, connector)) {
          overridden.add((ExecutableElement) member);
        }
      }
    }
    return overridden;
  }

  private static String duration(String text) {
    Duration duration = Durations.parse(text).orElseThrow();
    return duration.toString();
  }

  /** The entries, each once, sorted, each length-prefixed. */
  private static String set(Collection<String> entries) {
    StringBuilder text = new StringBuilder();
    for (String entry : new TreeSet<>(entries)) {
      text.append(entry.length()).append(':').append(entry).append(' ');
    }
    return text.toString();
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(name).append(' ').append(value.length()).append(':').append(value).append('\n');
  }

  /**
   * A SHA-256 digest for {@link #sha256(MessageDigest, String)}: one per connector, because
   * getting one costs more than hashing a step while javac's JVM is cold.
   */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The first 16 bytes of the SHA-256 of the text, in hex: 32 characters, as the runtime's fingerprints. */
  static String sha256(MessageDigest digest, String text) {
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
  }
}
