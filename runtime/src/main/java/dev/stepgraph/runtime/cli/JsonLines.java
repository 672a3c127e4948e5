package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.internal.EntityLineWriter;
import dev.stepgraph.runtime.internal.EntityLines;
import dev.stepgraph.runtime.run.StepResult;
import java.io.IOException;
import java.io.OutputStream;
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

  /**
   * Told, on the writing thread, how many lines have been written so far, after each line (which
   * may still be in the writer's buffer).
   */
  @FunctionalInterface
  interface Progress {
    Progress NONE = new Progress() { // not a lambda: see StepgraphCli's start-up note
      @Override
      public void written(long lines) {}
    };

    void written(long lines) throws IOException;
  }

  static Written write(OutputStream out, List<StepResult> steps) throws IOException {
    return write(out, steps, Progress.NONE);
  }

  /** Writes the lines, in UTF-8; the stream is neither flushed nor closed. */
  static Written write(OutputStream out, List<StepResult> steps, Progress progress)
      throws IOException {
    long entities = 0;
    long relationships = 0;
    EntityLineWriter lines = new EntityLineWriter(out);
    for (StepResult step : steps) {
      for (Entity entity : step.entities()) {
        lines.write(entity);
        entities++;
        progress.written(entities + relationships);
      }
      for (Relationship relationship : step.relationships()) {
        lines.write(relationship);
        relationships++;
        progress.written(entities + relationships);
      }
    }
    lines.flush();
    return new Written(entities, relationships);
  }
}
