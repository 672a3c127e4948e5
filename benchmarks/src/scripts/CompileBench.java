import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processor's compile-time overhead, cold, against javac alone, against the same processor
 * before a change, and against Dagger on the same random DAG; {@code WarmCompileBench.java} times
 * it warm. Single-file program, JDK only:
 *
 * <pre>
 * java CompileBench.java --generator GenerateConnector.java --work DIR --javac PATH --classpath CP
 *      --processorpath PP [--baseline-processorpath PP0] [--sizes 10,100,1000] [--reps 5]
 *      [--dagger-processorpath DP --dagger-classpath DC --dagger-size 1000 --dagger-reps 3]
 *      [--parts cold,dagger] [--out FILE.md]
 * </pre>
 *
 * <ul>
 *   <li><b>Cold</b>: one javac process per compilation, timed from start to exit. Per size, one
 *       untimed run of each mode, then the timed runs with the modes interleaved (so the load of
 *       the moment falls on all alike): {@code -proc:none}; with the baseline processor; with the
 *       processor; and {@code -proc:none} on the connector plus the sources the processor
 *       generated, which is what compiling the generated code costs without running the processor.
 *   <li><b>Dagger</b>: the same DAG as {@code @Inject} classes and one {@code @Component}, with and
 *       without Dagger's processor, cold, interleaved.
 * </ul>
 */
public final class CompileBench {
  private static final Path TIME = Path.of("/usr/bin/time");

  record Sample(double wall, double cpu, String load) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].substring(2), args[i + 1]);
    }
    Path work = Path.of(o.get("work")).toAbsolutePath();
    int reps = Integer.parseInt(o.getOrDefault("reps", "5"));
    List<Integer> sizes = Arrays.stream(o.getOrDefault("sizes", "10,100,1000").split(",")).map(Integer::parseInt).toList();
    StringBuilder md = new StringBuilder();
    md.append("javac `").append(o.get("javac")).append("`; ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors; load average at start ")
        .append(loadAverages()).append(". Medians, min-max in parentheses; the load column gives the 1-minute ")
        .append("load average over the timed runs (min-max).\n\n");
    Map<Integer, Path> sources = new LinkedHashMap<>();
    for (int n : sizes) {
      sources.put(n, generate(o, work, n));
    }
    List<String> parts = List.of(o.getOrDefault("parts", "cold,dagger").split(","));
    if (parts.contains("cold")) {
      cold(o, work, sources, reps, md);
    }
    if (parts.contains("dagger") && o.containsKey("dagger-processorpath")) {
      dagger(o, work, Integer.parseInt(o.getOrDefault("dagger-size", "1000")),
          Integer.parseInt(o.getOrDefault("dagger-reps", "3")), md);
    }
    md.append("\nload average at the end ").append(loadAverages()).append('\n');
    System.out.println();
    System.out.print(md);
    if (o.containsKey("out")) {
      Files.writeString(Path.of(o.get("out")), md, StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------- cold

  static void cold(Map<String, String> o, Path work, Map<Integer, Path> sources, int reps, StringBuilder md)
      throws Exception {
    boolean baseline = o.containsKey("baseline-processorpath");
    md.append("**Cold** (a javac process per compilation; ").append(reps).append(" timed runs per mode after one untimed):\n\n")
        .append("| steps | -proc:none s | ").append(baseline ? "+ baseline processor s | " : "")
        .append("+ processor s | generated code, -proc:none s | overhead s | overhead ÷ javac | ")
        .append(baseline ? "baseline overhead ÷ javac | " : "")
        .append("of which compiling the generated code s | CPU -proc:none s | CPU + processor s | CPU overhead ÷ javac | load |\n")
        .append("|---:|---:|").append(baseline ? "---:|" : "").append("---:|---:|---:|---:|").append(baseline ? "---:|" : "")
        .append("---:|---:|---:|---:|---|\n");
    for (Map.Entry<Integer, Path> e : sources.entrySet()) {
      int n = e.getKey();
      Path src = e.getValue();
      Path generated = work.resolve("generated-" + n);
      List<String> modes = new ArrayList<>(List.of("noproc"));
      if (baseline) {
        modes.add("baseline");
      }
      modes.addAll(List.of("proc", "generated"));
      Map<String, List<Sample>> samples = new LinkedHashMap<>();
      for (int r = -1; r < reps; r++) {
        for (String mode : modes) {
          List<String> files = new ArrayList<>(List.of(src.toString()));
          List<String> flags = new ArrayList<>();
          switch (mode) {
            case "noproc" -> flags.addAll(noProcessor(work));
            case "baseline" -> flags.addAll(List.of("-processorpath", o.get("baseline-processorpath")));
            case "proc" -> flags.addAll(List.of("-processorpath", o.get("processorpath")));
            default -> {
              flags.addAll(noProcessor(work));
              files.addAll(javaFiles(generated));
            }
          }
          Path out = work.resolve("cold-" + n + "-" + mode);
          Sample s = javacProcess(o.get("javac"), o.get("classpath"), out, flags, files);
          if (mode.equals("proc") && r == -1) {
            copyTree(out.resolve("generated"), generated); // what the generated-code mode compiles
          }
          if (r >= 0) {
            samples.computeIfAbsent(mode, k -> new ArrayList<>()).add(s);
          }
          System.out.printf(Locale.ROOT, "  cold %5d steps %-9s rep %2d: %.3f s (cpu %.2f), load %s%n", n, mode, r, s.wall, s.cpu, s.load);
        }
      }
      double plain = median(samples.get("noproc"), false);
      double proc = median(samples.get("proc"), false);
      double gen = median(samples.get("generated"), false);
      double cpuPlain = median(samples.get("noproc"), true);
      double cpuProc = median(samples.get("proc"), true);
      md.append(String.format(Locale.ROOT, "| %,d | %s | ", n, cell(samples.get("noproc"))));
      if (baseline) {
        md.append(cell(samples.get("baseline"))).append(" | ");
      }
      md.append(String.format(Locale.ROOT, "%s | %s | %.3f | **%.2f** | ", cell(samples.get("proc")),
          cell(samples.get("generated")), proc - plain, (proc - plain) / plain));
      if (baseline) {
        md.append(String.format(Locale.ROOT, "%.2f | ", (median(samples.get("baseline"), false) - plain) / plain));
      }
      md.append(String.format(Locale.ROOT, "%.3f | %.2f | %.2f | %.2f | %s |%n", gen - plain, cpuPlain, cpuProc,
          (cpuProc - cpuPlain) / cpuPlain, loads(samples.values())));
    }
    md.append('\n');
  }

  static void dagger(Map<String, String> o, Path work, int n, int reps, StringBuilder md) throws Exception {
    Path src = sourceDir(work, n).resolve("dev/stepgraph/bench/compile/Dagger" + n + ".java");
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    for (int r = -1; r < reps; r++) {
      for (String mode : List.of("noproc", "dagger")) {
        List<String> flags = mode.equals("noproc") ? noProcessor(work) : List.of("-processorpath", o.get("dagger-processorpath"));
        Sample s = javacProcess(o.get("javac"), o.get("dagger-classpath"), work.resolve("dagger-" + n + "-" + mode), flags,
            List.of(src.toString()));
        if (r >= 0) {
          samples.computeIfAbsent(mode, k -> new ArrayList<>()).add(s);
        }
        System.out.printf(Locale.ROOT, "  dagger %5d steps %-6s rep %2d: %.3f s (cpu %.2f), load %s%n", n, mode, r, s.wall, s.cpu, s.load);
      }
    }
    double plain = median(samples.get("noproc"), false);
    double dagger = median(samples.get("dagger"), false);
    md.append("**Dagger 2.57, cold**, the same DAG (").append(n).append(" `@Inject` classes, one `@Component` exposing each; ")
        .append(reps).append(" timed runs per mode after one untimed):\n\n")
        .append("| steps | -proc:none s | + Dagger s | Dagger overhead s | CPU -proc:none s | CPU + Dagger s | load |\n")
        .append("|---:|---:|---:|---:|---:|---:|---|\n")
        .append(String.format(Locale.ROOT, "| %,d | %s | %s | **%.3f** | %.2f | %.2f | %s |%n%n", n, cell(samples.get("noproc")),
            cell(samples.get("dagger")), dagger - plain, median(samples.get("noproc"), true),
            median(samples.get("dagger"), true), loads(samples.values())));
  }

  static Sample javacProcess(String javac, String classpath, Path out, List<String> flags, List<String> files)
      throws Exception {
    deleteTree(out);
    Files.createDirectories(out.resolve("classes"));
    Files.createDirectories(out.resolve("generated"));
    Path cpuFile = out.resolve("cpu.txt");
    List<String> cmd = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString(), javac,
        "--release", "17", "-encoding", "UTF-8", "-d", out.resolve("classes").toString(),
        "-s", out.resolve("generated").toString(), "-cp", classpath));
    cmd.addAll(flags);
    cmd.addAll(files);
    String load = load();
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("javac failed: " + String.join(" ", cmd) + "\n" + log);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    String[] us = Files.readString(cpuFile).trim().split("\\s+");
    return new Sample(wall, Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1]), load);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * javac alone: {@code -proc:none}, and an empty processor path, so that javac looks for plugins
   * there and not on the class path, where the runtime's check that the processor ran would start
   * by itself (and fail the build, as it should without the processor).
   */
  static List<String> noProcessor(Path work) throws Exception {
    return List.of("-proc:none", "-processorpath", Files.createDirectories(work.resolve("empty")).toString());
  }

  static Path sourceDir(Path work, int n) {
    return work.resolve("src-" + n);
  }

  /** The connector of {@code n} steps, and with a Dagger size, the same DAG for Dagger beside it. */
  static Path generate(Map<String, String> o, Path work, int n) throws Exception {
    Path dir = sourceDir(work, n);
    deleteTree(dir);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        o.get("generator"), "--steps", String.valueOf(n), "--out", dir.toString(), "--package",
        "dev.stepgraph.bench.compile", "--class", "Synthetic" + n + "Connector"));
    if (o.containsKey("dagger-processorpath") && o.getOrDefault("dagger-size", "1000").equals(String.valueOf(n))) {
      cmd.addAll(List.of("--dagger", "Dagger" + n));
    }
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("generator failed: " + cmd);
    }
    return dir.resolve("dev/stepgraph/bench/compile/Synthetic" + n + "Connector.java");
  }

  static List<String> javaFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    }
  }

  static void copyTree(Path from, Path to) throws Exception {
    deleteTree(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path p) throws Exception {
    if (Files.exists(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  static double median(List<Sample> xs, boolean cpu) {
    double[] a = xs.stream().mapToDouble(s -> cpu ? s.cpu : s.wall).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  static String cell(List<Sample> xs) {
    return cell(xs, "%.3f");
  }

  static String cell(List<Sample> xs, String format) {
    double[] a = xs.stream().mapToDouble(Sample::wall).sorted().toArray();
    return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", median(xs, false), a[0], a[a.length - 1]);
  }

  static String loads(java.util.Collection<List<Sample>> all) {
    double[] a = all.stream().flatMap(List::stream).mapToDouble(s -> Double.parseDouble(s.load)).sorted().toArray();
    return String.format(Locale.ROOT, "%.2f-%.2f", a[0], a[a.length - 1]);
  }

  static String load() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  static String loadAverages() throws Exception {
    String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return p[0] + " " + p[1] + " " + p[2];
  }
}
