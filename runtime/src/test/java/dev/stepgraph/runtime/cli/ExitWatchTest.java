package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The status read from the message JDK 21+ logs when {@code Runtime.exit} is called. */
class ExitWatchTest {

  @Test
  void statusIsTheArgumentOfTheCall() {
    assertEquals(3, ExitWatch.status("Runtime.exit(3)"));
    assertEquals(0, ExitWatch.status("Runtime.exit() logging: Runtime.exit(0)"));
    assertEquals(-1, ExitWatch.status("Runtime.exit(-1)"));
    assertEquals(Integer.MIN_VALUE, ExitWatch.status("Runtime.exit(-2147483648)"));
    assertEquals(Integer.MAX_VALUE, ExitWatch.status("Runtime.exit(2147483647) by thread main"));
  }

  @Test
  void noStatusWithoutAWholeCall() {
    assertNull(ExitWatch.status(""));
    assertNull(ExitWatch.status("null"));
    assertNull(ExitWatch.status("Runtime.exit("));
    assertNull(ExitWatch.status("Runtime.exit()"));
    assertNull(ExitWatch.status("Runtime.exit(-)"));
    assertNull(ExitWatch.status("Runtime.exit(+3)"));
    assertNull(ExitWatch.status("Runtime.exit(3 )"));
    assertNull(ExitWatch.status("Runtime.exit(2147483648)"));
    assertNull(ExitWatch.status("Runtime.exit(99999999999999)"));
  }
}
