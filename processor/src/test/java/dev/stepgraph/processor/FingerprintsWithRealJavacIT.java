package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprints that the real {@code javac} of the running JDK writes, as a separate process
 * with the packaged processor jar and no diagnostic listener, are those of the compiler API: the
 * source positions they need are there either way, and a file on disk reads as the in-memory one.
 */
class FingerprintsWithRealJavacIT {
  private static final Pattern FINGERPRINT = Pattern.compile("graph\\.fingerprint\\(\"([^\"]+)\", \"([0-9a-f]{32})\"\\);");

  @Test
  void javacOnTheCommandLineWritesTheFingerprintsOfTheCompilerApi(@TempDir Path temp) throws Exception {
    String processorPath = System.getProperty("stepgraph.it.processorpath");
    String classPath = System.getProperty("stepgraph.it.classpath");
    assertTrue(processorPath != null && classPath != null, "run through maven-failsafe-plugin (mvn verify)");
    Path source = temp.resolve("src/com/acme/CloudConnector.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, FingerprintsTest.CONNECTOR, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Path generated = Files.createDirectories(temp.resolve("generated"));
    JdkProcess.Result javac = JdkProcess.run(List.of(
        JdkProcess.tool("javac"), "-processorpath", processorPath, "-classpath", classPath,
        "-d", classes.toString(), "-s", generated.toString(), source.toString()));
    assertEquals(0, javac.exitCode(), javac.output());

    Matcher matcher = FINGERPRINT.matcher(
        Files.readString(generated.resolve("com/acme/CloudConnector_StepGraph.java"), StandardCharsets.UTF_8));
    Map<String, String> fromCommandLine = new LinkedHashMap<>();
    while (matcher.find()) {
      fromCommandLine.put(matcher.group(1), matcher.group(2));
    }
    Map<String, String> fromApi = FingerprintsTest.fingerprints(
        Compilations.compile(JavaFileObjects.forSourceString("com.acme.CloudConnector", FingerprintsTest.CONNECTOR)),
        "com.acme.CloudConnector_StepGraph");
    assertEquals(5, fromApi.size());
    assertEquals(fromApi, fromCommandLine);
  }
}
