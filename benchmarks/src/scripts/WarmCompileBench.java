import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's compile-time overhead warm: the same compilations repeated in this JVM through
 * {@code javax.tools}, the way a build daemon or an IDE runs javac, beside {@code
 * CompileBench.java}'s cold figures. Each processor path is loaded once into a class loader of its
 * own, and every compilation gets new processor instances from it. The untimed rounds come first,
 * then the timed ones, modes interleaved in each round: {@code -proc:none}; the baseline
 * processor; the processor; and {@code -proc:none} on the connector plus the sources the processor
 * generated. CPU is this process's CPU time over the compilation (JIT and GC threads included).
 * Single-file program, JDK only:
 *
 * <pre>
 * java WarmCompileBench.java --generator GenerateConnector.java --work DIR --classpath CP
 *      --processorpath PP [--baseline-processorpath PP0] [--sizes 10,100,1000]
 *      [--warmup-rounds 10] [--warm-rounds 10] [--warm-modes noproc,baseline,proc,generated] [--out FILE.md]
 * </pre>
 */
public final class WarmCompileBench {
  record Sample(double wall, double cpu, String load) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].substring(2), args[i + 1]);
    }
    Path work = Path.of(o.get("work")).toAbsolutePath();
    Map<Integer, Path> sources = new LinkedHashMap<>();
    for (String n : o.getOrDefault("sizes", "10,100,1000").split(",")) {
      sources.put(Integer.parseInt(n), generate(o, work, Integer.parseInt(n)));
    }
    StringBuilder md = new StringBuilder();
    md.append("Warm runs on ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.version")).append("; ").append(Runtime.getRuntime().availableProcessors())
        .append(" processors; load average at start ").append(loadAverages()).append(". Medians, min-max in ")
        .append("parentheses; the load column gives the 1-minute load average over the timed runs (min-max).\n\n");
    warm(o, work, sources, md);
    md.append("\nload average at the end ").append(loadAverages()).append('\n');
    System.out.println();
    System.out.print(md);
    if (o.containsKey("out")) {
      Files.writeString(Path.of(o.get("out")), md, StandardCharsets.UTF_8);
    }
  }

  static void warm(Map<String, String> o, Path work, Map<Integer, Path> sources, StringBuilder md) throws Exception {
    int warmup = Integer.parseInt(o.getOrDefault("warmup-rounds", "10"));
    int rounds = Integer.parseInt(o.getOrDefault("warm-rounds", "10"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Map<String, ClassLoader> loaders = new LinkedHashMap<>();
    if (o.containsKey("baseline-processorpath")) {
      loaders.put("baseline", loader(o.get("baseline-processorpath")));
    }
    loaders.put("proc", loader(o.get("processorpath")));
    boolean baseline = loaders.containsKey("baseline");
    md.append("**Warm** (the same compilation repeated in one JVM through `javax.tools.JavaCompiler`, each processor ")
        .append("path loaded once; ").append(warmup).append(" untimed rounds, then ").append(rounds)
        .append(" timed, modes interleaved):\n\n| steps | -proc:none ms | ").append(baseline ? "+ baseline processor ms | " : "")
        .append("+ processor ms | overhead ms | overhead ÷ javac | ").append(baseline ? "baseline overhead ÷ javac | " : "")
        .append("of which compiling the generated code ms | CPU -proc:none ms | CPU + processor ms | load |\n|---:|---:|")
        .append(baseline ? "---:|" : "").append("---:|---:|---:|").append(baseline ? "---:|" : "").append("---:|---:|---:|---|\n");
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      for (Map.Entry<Integer, Path> e : sources.entrySet()) {
        int n = e.getKey();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        List<String> modes = new ArrayList<>(List.of("noproc"));
        modes.addAll(loaders.keySet());
        modes.add("generated");
        modes.retainAll(List.of(o.getOrDefault("warm-modes", String.join(",", modes)).split(",")));
        Path generated = work.resolve("warm-generated-" + n);
        for (int r = -warmup; r < rounds; r++) {
          for (String mode : modes) {
            Path out = work.resolve("warm-" + n + "-" + mode);
            deleteTree(out);
            Files.createDirectories(out.resolve("classes"));
            Files.createDirectories(out.resolve("generated"));
            List<String> options = new ArrayList<>(List.of("--release", "17", "-d", out.resolve("classes").toString(),
                "-s", out.resolve("generated").toString(), "-cp", o.get("classpath"),
                "-processorpath", Files.createDirectories(work.resolve("empty")).toString()));
            List<Path> sourceFiles = new ArrayList<>(List.of(e.getValue()));
            if (mode.equals("noproc") || mode.equals("generated")) {
              options.add("-proc:none");
            }
            if (mode.equals("generated")) {
              javaFiles(generated).forEach(f -> sourceFiles.add(Path.of(f)));
            }
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, null, options, null,
                files.getJavaFileObjects(sourceFiles.toArray(Path[]::new)));
            if (loaders.containsKey(mode)) {
              List<Processor> processors = new ArrayList<>();
              ServiceLoader.load(Processor.class, loaders.get(mode)).forEach(processors::add);
              task.setProcessors(processors);
            }
            String load = load();
            long cpu0 = processCpu();
            long t0 = System.nanoTime();
            if (!task.call()) {
              throw new IllegalStateException("compilation failed: " + mode + " " + n);
            }
            Sample s = new Sample((System.nanoTime() - t0) / 1e6, (processCpu() - cpu0) / 1e6, load);
            if (mode.equals("proc") && r == -warmup) {
              copyTree(out.resolve("generated"), generated); // what the generated-code mode compiles
            }
            if (r >= 0) {
              samples.computeIfAbsent(mode, k -> new ArrayList<>()).add(s);
            }
            System.out.printf(Locale.ROOT, "  warm %5d steps %-9s round %3d: %.1f ms (cpu %.1f), load %s%n", n, mode, r, s.wall, s.cpu, s.load);
          }
        }
        if (!samples.keySet().containsAll(List.of("noproc", "proc", "generated"))) {
          continue; // a profiling run of some modes only
        }
        double plain = median(samples.get("noproc"), false);
        double proc = median(samples.get("proc"), false);
        md.append(String.format(Locale.ROOT, "| %,d | %s | ", n, cell(samples.get("noproc"), "%.0f")));
        if (baseline) {
          md.append(cell(samples.get("baseline"), "%.0f")).append(" | ");
        }
        md.append(String.format(Locale.ROOT, "%s | %.0f | **%.2f** | ", cell(samples.get("proc"), "%.0f"), proc - plain, (proc - plain) / plain));
        if (baseline) {
          md.append(String.format(Locale.ROOT, "%.2f | ", (median(samples.get("baseline"), false) - plain) / plain));
        }
        md.append(String.format(Locale.ROOT, "%.0f | %.0f | %.0f | %s |%n", median(samples.get("generated"), false) - plain,
            median(samples.get("noproc"), true),
            median(samples.get("proc"), true), loads(samples.values())));
      }
    }
  }

  static ClassLoader loader(String path) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String jar : path.split(File.pathSeparator)) {
      urls.add(Path.of(jar).toUri().toURL());
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
  }

  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  // ---------------------------------------------------------------- helpers

  static Path sourceDir(Path work, int n) {
    return work.resolve("src-" + n);
  }

  /** The connector of {@code n} steps. */
  static Path generate(Map<String, String> o, Path work, int n) throws Exception {
    Path dir = sourceDir(work, n);
    deleteTree(dir);
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        o.get("generator"), "--steps", String.valueOf(n), "--out", dir.toString(), "--package",
        "dev.stepgraph.bench.compile", "--class", "Synthetic" + n + "Connector");
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
