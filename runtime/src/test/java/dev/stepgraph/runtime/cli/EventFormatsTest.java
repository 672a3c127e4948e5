package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stepgraph.runtime.run.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of {@link RunEvent}, found from the sealed type itself (a new one is tested without
 * being named here): each has a JSON name and a human line, but {@code StepStarted}, which has no
 * human line by design.
 */
class EventFormatsTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String STEP = "users";

  /** One event of every permitted subtype of {@link RunEvent}. */
  private static List<RunEvent> oneOfEach() throws Exception {
    Class<?>[] types = RunEvent.class.getPermittedSubclasses();
    assertNotNull(types, "RunEvent is no longer sealed");
    List<RunEvent> events = new ArrayList<>();
    for (Class<?> type : types) {
      events.add(sample(type));
    }
    assertFalse(events.isEmpty());
    return events;
  }

  /** An event of this type, through its canonical constructor, with a sample value per component. */
  private static RunEvent sample(Class<?> type) throws Exception {
    if (!type.isRecord()) {
      fail(type + " is not a record: teach this test to build one");
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      values[i] = sampleValue(type, components[i]);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
    return (RunEvent) canonical.newInstance(values);
  }

  private static Object sampleValue(Class<?> type, RecordComponent component) {
    Class<?> valueType = component.getType();
    String name = component.getName();
    if (valueType == Instant.class) {
      return T;
    } else if (valueType == String.class) {
      switch (name) {
        case "stepId":
          return STEP;
        case "level":
          return "INFO"; // DEBUG and TRACE lines are left out of the human lines
        default:
          return name + " text";
      }
    } else if (valueType == int.class) {
      return 2;
    } else if (valueType == boolean.class) {
      return false;
    } else if (valueType == Duration.class) {
      return Duration.ofMillis(1500);
    } else if (valueType == List.class) {
      return List.of(STEP);
    } else if (valueType == Map.class) {
      return Map.of();
    } else if (valueType == Set.class) {
      return Set.of("hosts");
    } else if (valueType == StackTraceElement.class) {
      return new StackTraceElement("com.acme.AwsConnector", "users", "AwsConnector.java", 64);
    } else if (valueType == Throwable.class) {
      return new IllegalStateException("boom");
    } else if (valueType.isEnum()) {
      return valueType.getEnumConstants()[0];
    }
    return fail("no sample " + valueType.getSimpleName() + " for " + type.getSimpleName() + "."
        + name + ": teach this test one");
  }

  /** {@code StepTimedOut} is {@code step-timed-out}. */
  private static String kebabCase(String typeName) {
    return typeName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean hasStep(RunEvent event) {
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      if (component.getName().equals("stepId")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyEventHasAJsonNameThatIsItsTypeInKebabCase() throws Exception {
    Set<String> names = new HashSet<>();
    for (RunEvent event : oneOfEach()) {
      String name = JsonEvents.name(event);
      assertEquals(kebabCase(event.getClass().getSimpleName()), name, event.toString());
      assertTrue(names.add(name), "two kinds of event are " + name);
    }
  }

  @Test
  void everyEventIsOneJsonLineStartingWithItsNameAndTime() throws Exception {
    for (RunEvent event : oneOfEach()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new JsonEvents(new PrintStream(bytes, true, StandardCharsets.UTF_8)).onEvent(event);
      String line = bytes.toString(StandardCharsets.UTF_8);

      String start =
          "{\"event\":\"" + JsonEvents.name(event) + "\",\"time\":\"2026-01-01T00:00:00Z\"";
      assertTrue(line.startsWith(start), line);
      assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
      if (hasStep(event)) {
        assertTrue(line.startsWith(start + ",\"step\":\"" + STEP + "\""), line);
      }
    }
  }

  @Test
  void everyEventButStepStartedHasAHumanLineNamingItsStep() throws Exception {
    for (RunEvent event : oneOfEach()) {
      String line = HumanEvents.format(event);

      if (event instanceof RunEvent.StepStarted) {
        assertNull(line, "a started step has no human line: its outcome has one");
        continue;
      }
      assertNotNull(line, event + " has no human line");
      assertFalse(line.isBlank() || line.contains("\n"), line);
      if (hasStep(event)) {
        assertTrue(line.startsWith("  " + STEP + ": "), line);
      } else {
        assertFalse(line.startsWith(" "), line);
      }
    }
  }
}
