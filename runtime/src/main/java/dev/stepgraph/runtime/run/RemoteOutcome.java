package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.store.RunFiles;
import java.util.Objects;

/** How a step run by a {@link RemoteExecution} ended. */
public sealed interface RemoteOutcome {

  /** The attempts it made. */
  int attempts();

  /** It succeeded: what it emitted is in the run's step file {@code data}. */
  record Succeeded(RunFiles.StepFile data, int attempts) implements RemoteOutcome {
    public Succeeded {
      Objects.requireNonNull(data, "data");
    }
  }

  /** It skipped itself ({@code ctx.skip}) or was skipped by its policy, for this reason. */
  record Skipped(String reason, int attempts) implements RemoteOutcome {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Its last attempt failed. */
  record Failed(RemoteFailure failure) implements RemoteOutcome {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public int attempts() {
      return failure.attempts();
    }
  }

  /** Its last attempt ran past the step's timeout. */
  record TimedOut(RemoteFailure failure) implements RemoteOutcome {
    public TimedOut {
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public int attempts() {
      return failure.attempts();
    }
  }

  /** The run was cancelled while it ran. */
  record Cancelled(int attempts) implements RemoteOutcome {}
}
