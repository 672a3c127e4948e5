import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Wall-clock benchmarks that need separate processes: javac with and without the Stepgraph
 * processor, and JVM start-up. Single-file program, JDK only:
 *
 * <pre>
 * java ProcessBench.java compile --generator GenerateConnector.java --work DIR --javac PATH
 *      --processorpath PP --classpath CP [--sizes 100,1000,10000] [--reps 5] [--out FILE.md]
 *      [--baseline-processorpath PP0]
 * java ProcessBench.java profile --generator GenerateConnector.java --work DIR --javac PATH
 *      --processorpath PP --classpath CP --size 10000 [--out FILE.txt]
 * java ProcessBench.java contracts --generator GenerateConnector.java --work DIR --javac PATH
 *      --processorpath PP --classpath CP [--size 1000] [--reps 5] [--out FILE.md]
 * java ProcessBench.java startup [--reps 20] [--warmup 3] [--out FILE.md] [--pairs A/B,C/D]
 *      NAME=COMMAND ...
 * </pre>
 *
 * <p>{@code --pairs A/B} adds, for commands A and B, the ratio of their medians and the median
 * of the ratios run by run (each round runs every command once, so a pair's two runs are
 * neighbours in time and share the load of that moment).
 *
 * Every measurement is one fresh process timed from start to exit with System.nanoTime.
 */
public final class ProcessBench {

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: compile|profile|startup ...");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "compile" -> compile(rest);
      case "profile" -> profile(rest);
      case "contracts" -> contracts(rest);
      case "startup" -> startup(rest);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  // ---------------------------------------------------------------- compile time

  /** Wall seconds; CPU seconds (user + system, from /usr/bin/time, NaN without it); output. */
  record Sample(double seconds, double cpuSeconds, String log) {}

  static final Path TIME = Path.of("/usr/bin/time");

  static void compile(String[] args) throws Exception {
    Map<String, String> o = options(args, new ArrayList<>());
    if (o.containsKey("baseline-processorpath")) {
      compileAgainstBaseline(o);
      return;
    }
    Path work = Path.of(o.get("work"));
    int defaultReps = Integer.parseInt(o.getOrDefault("reps", "5"));
    List<Integer> sizes = Arrays.stream(o.getOrDefault("sizes", "100,1000,10000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    StringBuilder md = new StringBuilder();
    md.append("javac: `").append(o.get("javac")).append("` (")
        .append(version(o.get("javac"))).append("); per size, 1 untimed warm-up run of each mode (of -proc:none only at 10,000 steps), then the timed runs, "
        + "modes interleaved. Wall time of the javac process; CPU = user + system time of that process "
        + "(all its threads), which the other load on the machine disturbs less.\n\n");
    md.append("| steps | runs | javac -proc:none: median (min-max) s | javac + processor: median (min-max) s "
        + "| processor overhead s | overhead / javac | CPU -proc:none s | CPU + processor s | CPU overhead / javac |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<Integer, double[]> medians = new LinkedHashMap<>();
    for (int n : sizes) {
      Path src = generate(o.get("generator"), work, n);
      int reps = Integer.parseInt(o.getOrDefault("reps-" + n, String.valueOf(defaultReps)));
      List<Double> plain = new ArrayList<>();
      List<Double> proc = new ArrayList<>();
      List<Double> plainCpu = new ArrayList<>();
      List<Double> procCpu = new ArrayList<>();
      // Warm-up, discarded: file-system caches. Not repeated for the processor at 10,000 steps and
      // more, where one run takes long and the smaller sizes already warmed the caches.
      javac(o, work, src, n, false);
      if (n < 10_000) {
        javac(o, work, src, n, true);
      }
      for (int r = 0; r < reps; r++) {
        Sample a = javac(o, work, src, n, false);
        Sample b = javac(o, work, src, n, true);
        plain.add(a.seconds);
        proc.add(b.seconds);
        plainCpu.add(a.cpuSeconds);
        procCpu.add(b.cpuSeconds);
        System.out.printf(Locale.ROOT, "  %6d steps rep %d: -proc:none %.3f s (cpu %.2f), processor %.3f s (cpu %.2f), load %s%n",
            n, r + 1, a.seconds, a.cpuSeconds, b.seconds, b.cpuSeconds, load());
      }
      double mp = median(plain);
      double mq = median(proc);
      medians.put(n, new double[] {mp, mq});
      double cp = median(plainCpu);
      double cq = median(procCpu);
      md.append(String.format(Locale.ROOT, "| %,d | %d | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %.3f | %.2f | %.2f | %.2f | %.2f |%n",
          n, reps, mp, min(plain), max(plain), mq, min(proc), max(proc), mq - mp, (mq - mp) / mp, cp, cq, (cq - cp) / cp));
    }
    if (medians.containsKey(1000) && medians.containsKey(10000)) {
      double[] a = medians.get(1000);
      double[] b = medians.get(10000);
      md.append(String.format(Locale.ROOT,
          "%nGrowth 1,000 -> 10,000 steps (medians): javac + processor x%.2f, javac -proc:none x%.2f, "
              + "processor overhead alone x%.2f (%.3f s -> %.3f s). Linear would be about x10.%n",
          b[1] / a[1], b[0] / a[0], (b[1] - b[0]) / (a[1] - a[0]), a[1] - a[0], b[1] - b[0]));
    }
    emit(o, md.toString());
  }

  /**
   * Two processors side by side: for each rep, {@code -proc:none}, the baseline processor
   * ({@code --baseline-processorpath}) and the processor ({@code --processorpath}), interleaved, so
   * the load on the machine falls on all three alike. What a change to the processor costs.
   */
  static void compileAgainstBaseline(Map<String, String> o) throws Exception {
    Path work = Path.of(o.get("work"));
    int defaultReps = Integer.parseInt(o.getOrDefault("reps", "5"));
    List<Integer> sizes = Arrays.stream(o.getOrDefault("sizes", "1000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    Map<String, String> baseline = new HashMap<>(o);
    baseline.put("processorpath", o.get("baseline-processorpath"));
    StringBuilder md = new StringBuilder();
    md.append("javac: `").append(o.get("javac")).append("` (").append(version(o.get("javac")))
        .append("); baseline processor path `").append(o.get("baseline-processorpath")).append("`, processor path `")
        .append(o.get("processorpath")).append("`. Per size, 1 untimed warm-up run of each mode, then the timed runs, "
            + "the three modes interleaved. Medians, min-max in parentheses; CPU = user + system time.\n\n");
    md.append("| steps | runs | javac -proc:none s | + baseline processor s | + processor s | processor - baseline s "
        + "| CPU -proc:none s | CPU + baseline s | CPU + processor s | CPU processor - baseline s |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int n : sizes) {
      Path src = generate(o.get("generator"), work, n);
      int reps = Integer.parseInt(o.getOrDefault("reps-" + n, String.valueOf(defaultReps)));
      List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      javac(o, work, src, n, false);
      javac(baseline, work, src, n, true);
      javac(o, work, src, n, true);
      for (int r = 0; r < reps; r++) {
        Sample[] samples = {javac(o, work, src, n, false), javac(baseline, work, src, n, true), javac(o, work, src, n, true)};
        for (int m = 0; m < 3; m++) {
          wall.get(m).add(samples[m].seconds);
          cpu.get(m).add(samples[m].cpuSeconds);
        }
        System.out.printf(Locale.ROOT, "  %6d steps rep %d: -proc:none %.3f s, baseline %.3f s, processor %.3f s, load %s%n",
            n, r + 1, samples[0].seconds, samples[1].seconds, samples[2].seconds, load());
      }
      md.append(String.format(Locale.ROOT, "| %,d | %d | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %+.3f "
              + "| %.2f | %.2f | %.2f | %+.2f |%n", n, reps,
          median(wall.get(0)), min(wall.get(0)), max(wall.get(0)), median(wall.get(1)), min(wall.get(1)), max(wall.get(1)),
          median(wall.get(2)), min(wall.get(2)), max(wall.get(2)), median(wall.get(2)) - median(wall.get(1)),
          median(cpu.get(0)), median(cpu.get(1)), median(cpu.get(2)), median(cpu.get(2)) - median(cpu.get(1))));
    }
    emit(o, md.toString());
  }

  static Path generate(String generator, Path work, int n) throws Exception {
    return generate(generator, work, n, false);
  }

  /** The synthetic connector of {@code n} steps; with {@code contracts}, each declares and keeps one. */
  static Path generate(String generator, Path work, int n, boolean contracts) throws Exception {
    Path src = work.resolve("src-" + n + (contracts ? "-contracts" : ""));
    deleteTree(src);
    run(List.of(javaBin(), generator, "--steps", String.valueOf(n), "--out", src.toString(),
        "--package", "dev.stepgraph.bench.compile", "--class", "Synthetic" + n + "Connector",
        "--contracts", String.valueOf(contracts)), true);
    return src.resolve("dev/stepgraph/bench/compile/Synthetic" + n + "Connector.java");
  }

  // ---------------------------------------------------------------- data contracts

  /** The phases of {@code -Astepgraph.timings} that exist only for data contracts. */
  static final List<String> CONTRACT_PHASES = List.of(
      "scan step bodies (in read)", "DataTypeNameCheck", "ReadsUpstreamCheck", "StepBodyContractCheck");

  /**
   * What data contracts cost at one size: the same random DAG with and without contracts, each
   * through javac with and without the processor, interleaved; the processor run on the contracts
   * source reports its phase times ({@code -Astepgraph.timings=true}), from which the contract
   * checks' own time (body scan plus the three checks) is set against the rest of the overhead.
   */
  static void contracts(String[] args) throws Exception {
    Map<String, String> o = options(args, new ArrayList<>());
    Path work = Path.of(o.get("work"));
    int n = Integer.parseInt(o.getOrDefault("size", "1000"));
    int reps = Integer.parseInt(o.getOrDefault("reps", "5"));
    Path plainSource = generate(o.get("generator"), work, n, false);
    Path contractSource = generate(o.get("generator"), work.resolve("contracts"), n, true);
    Path contractWork = work.resolve("contracts");
    javac(o, work, plainSource, n, true);
    javac(o, contractWork, contractSource, n, true, "-Astepgraph.timings=true");
    List<Double> plainNoProc = new ArrayList<>();
    List<Double> plainProc = new ArrayList<>();
    List<Double> contractNoProc = new ArrayList<>();
    List<Double> contractProc = new ArrayList<>();
    List<Double> checks = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      Sample a = javac(o, work, plainSource, n, false);
      Sample b = javac(o, work, plainSource, n, true);
      Sample c = javac(o, contractWork, contractSource, n, false);
      Sample d = javac(o, contractWork, contractSource, n, true, "-Astepgraph.timings=true");
      double checkSeconds = contractPhases(d.log) / 1e3;
      plainNoProc.add(a.seconds);
      plainProc.add(b.seconds);
      contractNoProc.add(c.seconds);
      contractProc.add(d.seconds);
      checks.add(checkSeconds);
      System.out.printf(Locale.ROOT, "  %d steps rep %d: without contracts -proc:none %.3f s, processor %.3f s;"
              + " with contracts -proc:none %.3f s, processor %.3f s, of which contract checks %.3f s; load %s%n",
          n, r + 1, a.seconds, b.seconds, c.seconds, d.seconds, checkSeconds, load());
    }
    double withoutOverhead = median(plainProc) - median(plainNoProc);
    double withOverhead = median(contractProc) - median(contractNoProc);
    double checkTime = median(checks);
    StringBuilder md = new StringBuilder();
    md.append("javac: `").append(o.get("javac")).append("` (").append(version(o.get("javac")))
        .append("); ").append(String.format(Locale.ROOT, "%,d", n)).append(" steps, ").append(reps)
        .append(" interleaved runs of each of the four after one warm-up; medians.\n\n");
    md.append("| source | javac -proc:none s | javac + processor s | processor overhead s |\n|---|---:|---:|---:|\n");
    md.append(String.format(Locale.ROOT, "| without contracts | %.3f | %.3f | %.3f |%n",
        median(plainNoProc), median(plainProc), withoutOverhead));
    md.append(String.format(Locale.ROOT, "| every step declares emits and reads | %.3f | %.3f | %.3f |%n",
        median(contractNoProc), median(contractProc), withOverhead));
    md.append(String.format(Locale.ROOT,
        "%nContract checks (body scan, type names, reads upstream, body contract), measured inside the processor: "
            + "%.3f s, %.1f%% of the rest of the overhead (%.3f s). Contracts in all, checks and the larger generated "
            + "graph together: overhead x%.3f of the same graph without them.%n",
        checkTime, 100 * checkTime / (withOverhead - checkTime), withOverhead - checkTime,
        withOverhead / withoutOverhead));
    emit(o, md.toString());
  }

  /** Milliseconds of the contract phases in a {@code stepgraph timings:} note. */
  static double contractPhases(String log) {
    int at = log.indexOf("stepgraph timings:");
    if (at < 0) {
      throw new IllegalStateException("no stepgraph timings note in:\n" + log);
    }
    String note = log.substring(at, log.indexOf('\n', at) < 0 ? log.length() : log.indexOf('\n', at));
    double total = 0;
    for (String phase : CONTRACT_PHASES) {
      int p = note.indexOf(phase + " ");
      if (p < 0) {
        throw new IllegalStateException("no phase " + phase + " in " + note);
      }
      String rest = note.substring(p + phase.length() + 1);
      total += Double.parseDouble(rest.substring(0, rest.indexOf(" ms")));
    }
    return total;
  }

  static Sample javac(Map<String, String> o, Path work, Path source, int n, boolean processor, String... extra)
      throws Exception {
    Path out = work.resolve("out-" + n + (processor ? "-proc" : "-noproc"));
    deleteTree(out);
    Files.createDirectories(out.resolve("classes"));
    Files.createDirectories(out.resolve("generated"));
    List<String> cmd = new ArrayList<>(List.of(o.get("javac"), "--release", "17", "-encoding", "UTF-8",
        "-d", out.resolve("classes").toString(), "-s", out.resolve("generated").toString(),
        "-cp", o.get("classpath")));
    if (processor) {
      cmd.addAll(List.of("-processorpath", o.get("processorpath")));
    } else {
      // An empty processor path, so that javac looks for plugins there and not on the class path,
      // where the runtime's check that the processor ran would start by itself and fail the build.
      cmd.addAll(List.of("-proc:none", "-processorpath", Files.createDirectories(work.resolve("empty")).toString()));
    }
    cmd.addAll(Arrays.asList(extra));
    cmd.add(source.toString());
    Path cpuFile = out.resolve("cpu.txt");
    if (Files.isExecutable(TIME)) {
      cmd.addAll(0, List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
    }
    long t0 = System.nanoTime();
    String log = run(cmd, false);
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = Double.NaN;
    if (Files.exists(cpuFile)) {
      String[] us = Files.readString(cpuFile).trim().split("\\s+");
      cpu = Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1]);
    }
    if (processor) {
      String cls = source.getFileName().toString().replace(".java", "");
      try (Stream<Path> files = Files.walk(out.resolve("classes"))) {
        if (files.noneMatch(p -> p.getFileName().toString().equals(cls + "_StepGraph.class"))) {
          throw new IllegalStateException("the processor did not generate " + cls + "_StepGraph:\n" + log);
        }
      }
    }
    return new Sample(s, cpu, log);
  }

  // ---------------------------------------------------------------- profile (JFR)

  static void profile(String[] args) throws Exception {
    Map<String, String> o = options(args, new ArrayList<>());
    Path work = Path.of(o.get("work"));
    int n = Integer.parseInt(o.getOrDefault("size", "10000"));
    Path src = generate(o.get("generator"), work, n);
    Path jfr = work.resolve("javac-" + n + ".jfr").toAbsolutePath();
    Files.deleteIfExists(jfr);
    Sample s = javac(o, work, src, n, true,
        "-J-XX:StartFlightRecording=filename=" + jfr + ",settings=profile", "-XprintRounds");
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "javac + processor, %,d steps, under JFR: %.3f s%n", n, s.seconds));
    out.append("-XprintRounds:\n").append(s.log.lines().filter(l -> l.contains("Round") || l.contains("input files")
        || l.contains("annotations") || l.contains("last round")).collect(Collectors.joining("\n"))).append("\n\n");
    Map<String, Integer> topFrame = new HashMap<>();
    Map<String, Integer> processorFrame = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int total = 0;
    int inProcessor = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty()) {
        continue;
      }
      total++;
      List<RecordedFrame> frames = st.getFrames();
      topFrame.merge(name(frames.get(0)), 1, Integer::sum);
      java.util.Set<String> seen = new java.util.HashSet<>();
      String firstProcessor = null;
      for (RecordedFrame f : frames) {
        String m = name(f);
        if (seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
        }
        if (firstProcessor == null && (m.startsWith("dev.stepgraph.") || m.startsWith("com.palantir.javapoet."))) {
          firstProcessor = m;
        }
      }
      if (firstProcessor != null) {
        inProcessor++;
        processorFrame.merge(firstProcessor, 1, Integer::sum);
      }
    }
    out.append(String.format(Locale.ROOT, "CPU samples: %d; with a dev.stepgraph/javapoet frame on the stack: %d (%.1f%%)%n%n",
        total, inProcessor, 100.0 * inProcessor / Math.max(1, total)));
    out.append(top("Innermost processor/javapoet frame of samples in the processor", processorFrame, total, 25));
    out.append(top("Inclusive (method anywhere on the stack)", inclusive, total, 40));
    out.append(top("Top frame (self time)", topFrame, total, 25));
    emit(o, out.toString());
  }

  static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  static String top(String title, Map<String, Integer> counts, int total, int limit) {
    StringBuilder b = new StringBuilder(title).append(":\n");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(en -> b.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n",
            100.0 * en.getValue() / Math.max(1, total), en.getValue(), en.getKey())));
    return b.append('\n').toString();
  }

  // ---------------------------------------------------------------- start-up

  static void startup(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Map<String, String> o = options(args, positional);
    int reps = Integer.parseInt(o.getOrDefault("reps", "20"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
    Map<String, List<String>> commands = new LinkedHashMap<>();
    for (String p : positional) {
      int eq = p.indexOf('=');
      commands.put(p.substring(0, eq), List.of(p.substring(eq + 1).trim().split("\\s+")));
    }
    Map<String, List<Double>> times = new LinkedHashMap<>();
    commands.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    String loadAtStart = loadAverages();
    for (int r = -warmup; r < reps; r++) {
      for (Map.Entry<String, List<String>> c : commands.entrySet()) { // interleaved
        long t0 = System.nanoTime();
        run(c.getValue(), false);
        double s = (System.nanoTime() - t0) / 1e9;
        if (r >= 0) {
          times.get(c.getKey()).add(s);
        }
      }
    }
    String loadBefore = loadAtStart;
    StringBuilder md = new StringBuilder();
    md.append(reps).append(" timed runs each after ").append(warmup).append(" untimed, interleaved; ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors; load average before ")
        .append(loadBefore).append(", after ").append(loadAverages()).append("\n\n");
    md.append("| command | median ms | min ms | max ms | mean ms | ratio to first (median) |\n|---|---:|---:|---:|---:|---:|\n");
    double base = -1;
    for (Map.Entry<String, List<Double>> t : times.entrySet()) {
      double m = median(t.getValue());
      if (base < 0) {
        base = m;
      }
      md.append(String.format(Locale.ROOT, "| %s: `%s` | %.1f | %.1f | %.1f | %.1f | %.2f |%n", t.getKey(),
          String.join(" ", commands.get(t.getKey())), m * 1e3, min(t.getValue()) * 1e3, max(t.getValue()) * 1e3,
          t.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0) * 1e3, m / base));
    }
    if (o.containsKey("pairs")) {
      md.append("\n| pair | ratio of medians | pairwise ratios: median (quartiles) |\n|---|---:|---:|\n");
      for (String pair : o.get("pairs").split(",")) {
        String[] ab = pair.split("/");
        List<Double> a = times.get(ab[0]);
        List<Double> b = times.get(ab[1]);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          ratios.add(a.get(i) / b.get(i));
        }
        md.append(String.format(Locale.ROOT, "| %s / %s | %.2f | %.2f (%.2f-%.2f) |%n", ab[0], ab[1],
            median(a) / median(b), median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75)));
      }
    }
    emit(o, md.toString());
  }

  // ---------------------------------------------------------------- helpers

  static String run(List<String> cmd, boolean echo) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    byte[] bytes = p.getInputStream().readAllBytes();
    int rc = p.waitFor();
    String log = new String(bytes, StandardCharsets.UTF_8);
    if (echo && !log.isBlank()) {
      System.out.print(log);
    }
    if (rc != 0) {
      throw new IllegalStateException("exit " + rc + ": " + String.join(" ", cmd) + "\n"
          + (log.length() > 20000 ? log.substring(0, 20000) + "\n..." : log));
    }
    return log;
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static String version(String javac) {
    try {
      return run(List.of(javac, "-version"), false).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void emit(Map<String, String> o, String text) throws IOException {
    System.out.println();
    System.out.print(text);
    if (o.containsKey("out")) {
      Path out = Path.of(o.get("out"));
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, text, StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> options(String[] args, List<String> positional) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        o.put(args[i].substring(2), args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    return o;
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  static double quantile(List<Double> xs, double q) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double pos = q * (a.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(a.length - 1, lo + 1);
    return a[lo] + (a[hi] - a[lo]) * (pos - lo);
  }

  static String loadAverages() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
