package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Until dynamicRnn lands, `demo` says so honestly and succeeds. */
class DemoCommandTest {
  @Test
  void articleDemoExplainsWhatIsMissingAndWhatWorks() {
    CliRun r = CliRun.of("demo", "article");
    assertEquals(Main.OK, r.code());
    assertEquals(DemoCommand.ARTICLE_NOT_YET + System.lineSeparator(), r.out());
    assertTrue(r.out().contains("dynamicRnn"), r.out());
    assertTrue(r.out().contains("tensorgraph show FILE"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void articleIsTheDefault() {
    assertEquals(CliRun.of("demo", "article"), CliRun.of("demo"));
  }

  @Test
  void unknownDemoIsAUsageError() {
    MainTest.assertUsageError(CliRun.of("demo", "mnist"),
        "tensorgraph: unknown demo 'mnist' (one of: article)", "tensorgraph demo");
  }
}
