import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Writes the Java source of a synthetic Stepgraph connector: a random DAG of {@code @Step} methods
 * with a fixed seed, so the same arguments always give byte-identical source.
 *
 * <p>Run with the single-file launcher (no compilation, no dependencies):
 *
 * <pre>
 * java GenerateConnector.java --steps 1000 --out DIR [--package P] [--class C] [--seed S]
 *      [--layers L] [--max-deps 3] [--body noop|sleep:MILLIS] [--javadoc true|false]
 *      [--contracts true|false] [--baseline CLASS] [--dagger CLASS]
 * </pre>
 *
 * <ul>
 *   <li>Without {@code --layers}: a random DAG in which step {@code i} depends on 0 to
 *       {@code max-deps} distinct steps chosen uniformly among steps {@code 0..i-1}.
 *   <li>With {@code --layers L}: a random layered DAG. Steps are dealt evenly into L layers; every
 *       step of layer {@code k > 0} depends on 1 to {@code max-deps} distinct steps of layer
 *       {@code k-1} (so it runs in wave {@code k} exactly); layer-0 steps have none.
 * </ul>
 *
 * <p>With {@code --contracts true}, every step declares a data contract and its body keeps it:
 * step {@code i} emits type {@code resource-i} ({@code ctx.emit(Entity.of("resource-i", ...))})
 * and reads the types of the steps it depends on ({@code ctx.prior().entitiesByType(...)} for
 * each), so the processor's contract checks have work on every step. Off by default.
 *
 * <p>With {@code --baseline CLASS}, it also writes {@code CLASS.java} in the same package: a
 * hand-written program of the same steps and the same DAG, without Stepgraph ({@link
 * #renderBaseline}), the whole-process baseline of a connector's {@code run}. With {@code --dagger
 * CLASS}, it also writes {@code CLASS.java}: the same DAG for Dagger ({@link #renderDagger}), the
 * baseline of the processor's compile-time overhead.
 *
 * <p>Methods are written in a shuffled order (seeded), so the processor cannot rely on declaration
 * order being a topological order. Each step method takes {@code dev.stepgraph.runtime.StepContext}.
 */
public final class GenerateConnector {

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = parse(args);
    int steps = Integer.parseInt(require(opts, "steps"));
    Path out = Path.of(require(opts, "out"));
    String pkg = opts.getOrDefault("package", "dev.stepgraph.bench.gen");
    String cls = opts.getOrDefault("class", "Synthetic" + steps + "Connector");
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    int layers = Integer.parseInt(opts.getOrDefault("layers", "0"));
    int maxDeps = Integer.parseInt(opts.getOrDefault("max-deps", "3"));
    String body = opts.getOrDefault("body", "noop");
    boolean javadoc = Boolean.parseBoolean(opts.getOrDefault("javadoc", "true"));
    boolean contracts = Boolean.parseBoolean(opts.getOrDefault("contracts", "false"));

    int[][] deps = layers > 0 ? layered(steps, layers, maxDeps, new Random(seed)) : random(steps, maxDeps, new Random(seed));
    String source = render(pkg, cls, deps, body, javadoc, contracts, new Random(seed ^ 0x5DEECE66DL));
    Path dir = out.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Path file = dir.resolve(cls + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    String baseline = opts.get("baseline");
    if (baseline != null) {
      Files.writeString(dir.resolve(baseline + ".java"), renderBaseline(pkg, baseline, deps, statement(body)),
          StandardCharsets.UTF_8);
    }
    String dagger = opts.get("dagger");
    if (dagger != null) {
      Files.writeString(dir.resolve(dagger + ".java"), renderDagger(pkg, dagger, deps), StandardCharsets.UTF_8);
    }
    int edges = Arrays.stream(deps).mapToInt(d -> d.length).sum();
    System.out.println("GenerateConnector: wrote " + file + " (" + steps + " steps, " + edges + " dependencies"
        + (layers > 0 ? ", " + layers + " layers" : "") + ", body " + body + (contracts ? ", contracts" : "")
        + ", seed " + seed + ")");
  }

  /** Step i depends on 0..maxDeps distinct earlier steps. */
  static int[][] random(int n, int maxDeps, Random rnd) {
    int[][] deps = new int[n][];
    for (int i = 0; i < n; i++) {
      int k = Math.min(i, rnd.nextInt(maxDeps + 1));
      TreeSet<Integer> chosen = new TreeSet<>();
      while (chosen.size() < k) {
        chosen.add(rnd.nextInt(i));
      }
      deps[i] = chosen.stream().mapToInt(Integer::intValue).toArray();
    }
    return deps;
  }

  /** Steps dealt into layers; a step of layer k > 0 depends on 1..maxDeps steps of layer k-1. */
  static int[][] layered(int n, int layers, int maxDeps, Random rnd) {
    int[][] deps = new int[n][];
    int[] layerStart = new int[layers + 1];
    for (int l = 0; l <= layers; l++) {
      layerStart[l] = (int) ((long) n * l / layers);
    }
    for (int l = 0; l < layers; l++) {
      for (int i = layerStart[l]; i < layerStart[l + 1]; i++) {
        if (l == 0) {
          deps[i] = new int[0];
          continue;
        }
        int from = layerStart[l - 1];
        int size = layerStart[l] - from;
        int k = Math.min(size, 1 + rnd.nextInt(maxDeps));
        TreeSet<Integer> chosen = new TreeSet<>();
        while (chosen.size() < k) {
          chosen.add(from + rnd.nextInt(size));
        }
        deps[i] = chosen.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    return deps;
  }

  static String id(int i) {
    return "step-" + i;
  }

  static String method(int i) {
    return "step" + i;
  }

  /** The type that step {@code i} emits when steps declare contracts. */
  static String type(int i) {
    return "resource-" + i;
  }

  static String render(
      String pkg, String cls, int[][] deps, String body, boolean javadoc, boolean contracts, Random shuffle) {
    int n = deps.length;
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, shuffle);
    String statement = statement(body);
    StringBuilder s = new StringBuilder(n * 160);
    s.append("// Generated by benchmarks/src/generator/GenerateConnector.java. Do not edit.\n");
    s.append("package ").append(pkg).append(";\n\n");
    s.append("import dev.stepgraph.Step;\n");
    if (contracts) {
      s.append("import dev.stepgraph.runtime.Entity;\n");
    }
    s.append("import dev.stepgraph.runtime.StepContext;\n\n");
    s.append("/** A synthetic connector of ").append(n).append(" steps, for benchmarks. */\n");
    s.append("public class ").append(cls).append(" {\n");
    for (int i : order) {
      s.append('\n');
      if (javadoc) {
        s.append("  /** Collects synthetic resource ").append(i).append(". */\n");
      }
      s.append("  @Step(id = \"").append(id(i)).append('"');
      if (deps[i].length > 0) {
        s.append(", dependsOn = {");
        for (int j = 0; j < deps[i].length; j++) {
          if (j > 0) {
            s.append(", ");
          }
          s.append('"').append(id(deps[i][j])).append('"');
        }
        s.append('}');
      }
      if (contracts) {
        s.append(", emits = \"").append(type(i)).append('"');
        if (deps[i].length > 0) {
          s.append(", reads = {");
          for (int j = 0; j < deps[i].length; j++) {
            s.append(j > 0 ? ", " : "").append('"').append(type(deps[i][j])).append('"');
          }
          s.append('}');
        }
      }
      s.append(")\n");
      s.append("  void ").append(method(i)).append("(StepContext ctx) throws Exception {\n");
      if (contracts) {
        for (int dep : deps[i]) {
          s.append("    ctx.prior().entitiesByType(\"").append(type(dep)).append("\");\n");
        }
        s.append("    ctx.emit(Entity.of(\"").append(type(i)).append("\", \"key-").append(i).append("\"));\n");
      }
      s.append(statement);
      s.append("  }\n");
    }
    s.append("}\n");
    return s.toString();
  }

  static String statement(String body) {
    if (body.equals("noop")) {
      return "";
    } else if (body.startsWith("sleep:")) {
      return "    Thread.sleep(" + Long.parseLong(body.substring("sleep:".length())) + "L);\n";
    }
    throw new IllegalArgumentException("--body must be noop or sleep:MILLIS, was " + body);
  }

  /** Steps per nested class (and per string of dependencies) of the baseline: under javac's 64 KB limits. */
  static final int BASELINE_CHUNK = 1000;

  /**
   * A program that runs the same steps in the same DAG as a {@code CompletableFuture} graph, the
   * way one would write it by hand without Stepgraph: one static method per step, dispatched by a
   * switch (per chunk of {@value #BASELINE_CHUNK} steps, as javac limits a method's size), each
   * step {@code allOf(its dependencies).thenRunAsync(step)}, on the kind of executor the runtime
   * uses (a cached pool of daemon threads, a virtual thread per step on JDK 21+). The dependencies
   * are a string per chunk, parsed at start. It prints one line at the end, nothing per step.
   */
  static String renderBaseline(String pkg, String cls, int[][] deps, String statement) {
    int n = deps.length;
    int chunks = (n + BASELINE_CHUNK - 1) / BASELINE_CHUNK;
    StringBuilder s = new StringBuilder(n * 80);
    s.append("// Generated by benchmarks/src/generator/GenerateConnector.java. Do not edit.\n");
    s.append("package ").append(pkg).append(";\n\n");
    s.append("import java.util.concurrent.CompletableFuture;\n");
    s.append("import java.util.concurrent.ExecutorService;\n");
    s.append("import java.util.concurrent.Executors;\n\n");
    s.append("/** ").append(n).append(" steps as a hand-written CompletableFuture DAG, without Stepgraph. */\n");
    s.append("public final class ").append(cls).append(" {\n");
    s.append("  private ").append(cls).append("() {}\n\n");
    s.append("  public static void main(String[] args) throws Exception {\n");
    s.append("    int n = ").append(n).append(";\n");
    s.append("    int[][] deps = new int[n][];\n");
    s.append("    int i = 0;\n");
    for (int c = 0; c < chunks; c++) {
      s.append("    for (String d : Deps").append(c).append(".DEPS.split(\";\", -1)) {\n");
      s.append("      deps[i++] = d.isEmpty() ? new int[0] : java.util.Arrays.stream(d.split(\",\")).mapToInt(Integer::parseInt).toArray();\n");
      s.append("    }\n");
    }
    s.append("    ExecutorService pool = executor();\n");
    s.append("    CompletableFuture<?>[] futures = new CompletableFuture<?>[n];\n");
    s.append("    for (int k = 0; k < n; k++) {\n");
    s.append("      int step = k;\n");
    s.append("      Runnable body = () -> run(step);\n");
    s.append("      if (deps[k].length == 0) {\n");
    s.append("        futures[k] = CompletableFuture.runAsync(body, pool);\n");
    s.append("      } else {\n");
    s.append("        CompletableFuture<?>[] upstream = new CompletableFuture<?>[deps[k].length];\n");
    s.append("        for (int j = 0; j < upstream.length; j++) {\n");
    s.append("          upstream[j] = futures[deps[k][j]];\n");
    s.append("        }\n");
    s.append("        futures[k] = CompletableFuture.allOf(upstream).thenRunAsync(body, pool);\n");
    s.append("      }\n");
    s.append("    }\n");
    s.append("    CompletableFuture.allOf(futures).join();\n");
    s.append("    pool.shutdown();\n");
    s.append("    System.out.println(\"Finished: \" + n + \" steps\");\n");
    s.append("  }\n\n");
    s.append("  /** A cached pool of daemon threads on JDK 17; a virtual thread per task on JDK 21+. */\n");
    s.append("  static ExecutorService executor() throws Exception {\n");
    s.append("    if (Runtime.version().feature() >= 21) {\n");
    s.append("      return (ExecutorService) Executors.class.getMethod(\"newVirtualThreadPerTaskExecutor\").invoke(null);\n");
    s.append("    }\n");
    s.append("    return Executors.newCachedThreadPool(r -> {\n");
    s.append("      Thread t = new Thread(r);\n");
    s.append("      t.setDaemon(true);\n");
    s.append("      return t;\n");
    s.append("    });\n");
    s.append("  }\n\n");
    s.append("  static void run(int step) {\n");
    s.append("    try {\n");
    s.append("      switch (step / ").append(BASELINE_CHUNK).append(") {\n");
    for (int c = 0; c < chunks; c++) {
      s.append("        case ").append(c).append(" -> Steps").append(c).append(".run(step);\n");
    }
    s.append("        default -> throw new IllegalArgumentException(\"step \" + step);\n");
    s.append("      }\n");
    s.append("    } catch (Exception e) {\n");
    s.append("      throw new RuntimeException(e);\n");
    s.append("    }\n");
    s.append("  }\n");
    for (int c = 0; c < chunks; c++) {
      int from = c * BASELINE_CHUNK;
      int to = Math.min(n, from + BASELINE_CHUNK);
      s.append("\n  static final class Steps").append(c).append(" {\n");
      s.append("    static void run(int step) throws Exception {\n");
      s.append("      switch (step) {\n");
      for (int i = from; i < to; i++) {
        s.append("        case ").append(i).append(" -> ").append(method(i)).append("();\n");
      }
      s.append("        default -> throw new IllegalArgumentException(\"step \" + step);\n");
      s.append("      }\n");
      s.append("    }\n");
      for (int i = from; i < to; i++) {
        s.append("\n    static void ").append(method(i)).append("() throws Exception {\n");
        s.append(statement.replace("    ", "      "));
        s.append("    }\n");
      }
      s.append("  }\n");
      s.append("\n  static final class Deps").append(c).append(" {\n");
      s.append("    static final String DEPS = \"");
      for (int i = from; i < to; i++) {
        if (i > from) {
          s.append(';');
        }
        for (int j = 0; j < deps[i].length; j++) {
          s.append(j > 0 ? "," : "").append(deps[i][j]);
        }
      }
      s.append("\";\n  }\n");
    }
    s.append("}\n");
    return s.toString();
  }

  /**
   * The same DAG for Dagger, the way a Dagger user writes a graph: step {@code i} is a class {@code
   * Si} whose {@code @Inject} constructor takes the classes of the steps it depends on, and one
   * {@code @Component} exposes every step, so Dagger resolves and generates a binding for each.
   */
  static String renderDagger(String pkg, String cls, int[][] deps) {
    int n = deps.length;
    StringBuilder s = new StringBuilder(n * 120);
    s.append("// Generated by benchmarks/src/generator/GenerateConnector.java. Do not edit.\n");
    s.append("package ").append(pkg).append(";\n\n");
    s.append("import dagger.Component;\n");
    s.append("import javax.inject.Inject;\n\n");
    s.append("/** ").append(n).append(" steps as a Dagger graph of the same DAG, for the compile-time benchmark. */\n");
    s.append("public final class ").append(cls).append(" {\n");
    s.append("  private ").append(cls).append("() {}\n\n");
    s.append("  /** Every step of the graph. */\n");
    s.append("  @Component\n");
    s.append("  public interface Graph {\n");
    for (int i = 0; i < n; i++) {
      s.append("    S").append(i).append(" s").append(i).append("();\n");
    }
    s.append("  }\n");
    for (int i = 0; i < n; i++) {
      s.append("\n  /** Collects synthetic resource ").append(i).append(". */\n");
      s.append("  public static final class S").append(i).append(" {\n");
      s.append("    @Inject\n    S").append(i).append('(');
      for (int j = 0; j < deps[i].length; j++) {
        s.append(j > 0 ? ", " : "").append('S').append(deps[i][j]).append(" d").append(j);
      }
      s.append(") {}\n  }\n");
    }
    s.append("}\n");
    return s.toString();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }

  static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }
}
