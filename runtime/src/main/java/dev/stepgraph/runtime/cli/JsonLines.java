package dev.stepgraph.runtime.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.EntityLines;
import dev.stepgraph.runtime.run.StepResult;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * What {@code --output} holds: every committed entity and relationship as JSON Lines ({@link
 * EntityLines}, the format a run store keeps too), step by step in wave order (each step's
 * entities, then its relationships, in emission order):
 *
 * <pre>
 * {"kind":"entity","type":"host","key":"h-1","properties":{"name":"web-1"}}
 * {"kind":"relationship","type":"runs-on","from":"s-1","to":"h-1","properties":{}}
 * </pre>
 */
final class JsonLines {
  private JsonLines() {}

  /** Counts of what was written. */
  record Written(long entities, long relationships) {}

  /** Told, on the writing thread, how many lines have been written so far, after each line. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = lines -> {};

    void written(long lines) throws IOException;
  }

  static Written write(Writer writer, List<StepResult> steps) throws IOException {
    return write(writer, steps, Progress.NONE);
  }

  /** Writes the lines; the writer is neither flushed nor closed. */
  static Written write(Writer writer, List<StepResult> steps, Progress progress)
      throws IOException {
    long entities = 0;
    long relationships = 0;
    try (JsonGenerator json =
        new JsonFactory()
            .createGenerator(writer)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      json.setRootValueSeparator(null);
      for (StepResult step : steps) {
        for (Entity entity : step.entities()) {
          EntityLines.write(json, entity);
          endLine(json, writer);
          entities++;
          progress.written(entities + relationships);
        }
        for (Relationship relationship : step.relationships()) {
          EntityLines.write(json, relationship);
          endLine(json, writer);
          relationships++;
          progress.written(entities + relationships);
        }
      }
    }
    return new Written(entities, relationships);
  }

  /** Ends the line; the generator is flushed so the newline lands after its object. */
  private static void endLine(JsonGenerator json, Writer writer) throws IOException {
    json.flush();
    writer.write('\n');
  }
}
