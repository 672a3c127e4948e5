package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's javac transcripts true: the listing a section's transcript compiles (the
 * {@code CycleConnector} of "Compile errors", the {@code InventoryConnector} of "Data contracts and
 * schedules", the {@code GithubConnector} of "Configuration"), compiled by the real {@code javac}
 * of the running JDK with the packaged processor, as the transcript's command line says, prints
 * exactly the transcript: every line, with the source lines and carets. The {@code mvn compile}
 * transcript is {@link ReadmeCompileErrorsTest}'s.
 */
class ReadmeCompileErrorsIT {

  @ParameterizedTest
  @ValueSource(strings = {"Compile errors", "Data contracts and schedules", "Configuration"})
  void theJavacTranscriptIsWhatJavacPrints(String title, @TempDir Path temp) throws Exception {
    String processorPath = System.getProperty("stepgraph.it.processorpath");
    String classPath = System.getProperty("stepgraph.it.classpath");
    assertTrue(processorPath != null && classPath != null, "run through maven-failsafe-plugin (mvn verify)");
    Readme section = Readme.read().section(title);
    List<String> transcript = section.blockStartingWith("text", "$ javac ");
    List<String> command = List.of(transcript.get(0).substring(2).split(" "));
    String file = command.get(command.size() - 1);
    List<String> source = null;
    for (List<String> block : section.blocks("java")) {
      if (!block.isEmpty() && block.get(0).startsWith("package ") && file.equals(Readme.path(block))) {
        source = block;
      }
    }
    assertTrue(source != null, "the README shows no listing of " + file + ", which its javac transcript compiles");
    assertEquals(List.of("javac", "-processorpath", "...", file), command, "the transcript's command line");

    Path sources = temp.resolve("src");
    Files.createDirectories(sources.resolve(file).getParent());
    Files.write(sources.resolve(file), source, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(temp.resolve("classes"));
    // As the README runs it, from the source root with a relative path, so javac prints that path;
    // the class path and output directory are what "..." leaves out.
    JdkProcess.Result javac = JdkProcess.run(List.of(
            JdkProcess.tool("javac"), "-processorpath", processorPath, "-classpath", classPath,
            "-d", classes.toString(), file),
        sources);
    String stderr = javac.stderr();

    assertNotEquals(0, javac.exitCode(), stderr);
    List<String> printed = new ArrayList<>(stderr.lines().toList());
    assertEquals(transcript.subList(1, transcript.size()), printed,
        "the README's javac transcript and what javac prints");
  }
}
