import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot frames of javac runs recorded by JFR, over one or more recordings: of the execution
 * samples taken inside a compilation ({@code com.sun.tools.javac.main.Main.compile} or {@code
 * JavacTaskImpl.call} on the stack), the share with a {@code dev.stepgraph} frame, the innermost
 * such frame, every method by the samples it is on the stack of (inclusive), and the top frames.
 *
 * <pre>
 * java JfrHotFrames.java PROCESSOR_ROWS INCLUSIVE_ROWS RECORDING.jfr ...
 * </pre>
 */
public final class JfrHotFrames {
  public static void main(String[] args) throws Exception {
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> processor = new HashMap<>();
    int total = 0;
    int inProcessor = 0;
    for (int i = 2; i < args.length; i++) {
      for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[i]))) {
        RecordedStackTrace stack = e.getStackTrace();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample") || stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        List<RecordedFrame> frames = stack.getFrames();
        if (frames.stream().map(JfrHotFrames::name).noneMatch(
            m -> m.equals("com.sun.tools.javac.main.Main.compile") || m.equals("com.sun.tools.javac.api.JavacTaskImpl.call"))) {
          continue;
        }
        total++;
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String innermost = null;
        for (RecordedFrame f : frames) {
          String m = name(f);
          if (seen.add(m)) {
            inclusive.merge(m, 1, Integer::sum);
          }
          if (innermost == null && m.startsWith("dev.stepgraph")) {
            innermost = m;
          }
        }
        if (innermost != null) {
          inProcessor++;
          processor.merge(innermost, 1, Integer::sum);
        }
      }
    }
    System.out.printf(Locale.ROOT, "samples in a compilation: %d; with a dev.stepgraph frame: %d (%.1f%%)%n%n",
        total, inProcessor, 100.0 * inProcessor / Math.max(1, total));
    print("innermost dev.stepgraph frame", processor, total, Integer.parseInt(args[0]));
    print("inclusive", inclusive, total, Integer.parseInt(args[1]));
    print("self (top frame)", self, total, 25);
  }

  static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  static void print(String title, Map<String, Integer> counts, int total, int rows) {
    System.out.println(title + ":");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %5d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
            e.getValue(), e.getKey()));
    System.out.println();
  }
}
