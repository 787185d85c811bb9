package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help, version and the usage-error contract shared by every subcommand. */
class MainTest {
  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpGoesToStdoutAndExitsZero(String flag) {
    CliRun r = CliRun.of(flag);
    assertEquals(Main.OK, r.code());
    assertTrue(r.out().startsWith("Usage: tensorgraph"), r.out());
    for (String sub : new String[] {"run", "inspect", "dot", "freeze", "show", "demo"}) {
      assertTrue(r.out().contains("  " + sub + " "), sub + " listed:\n" + r.out());
    }
    assertEquals("", r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "inspect", "dot", "freeze", "show", "demo"})
  void everySubcommandHasHelp(String sub) {
    CliRun r = CliRun.of(sub, "--help");
    assertEquals(Main.OK, r.code());
    assertTrue(r.out().startsWith("Usage: tensorgraph " + sub), r.out());
  }

  @Test
  void helpSubcommandShowsTheSubcommandsHelp() {
    CliRun r = CliRun.of("help", "show");
    assertEquals(Main.OK, r.code());
    assertTrue(r.out().startsWith("Usage: tensorgraph show"), r.out());
  }

  @Test
  void showHelpDocumentsTheOutputFormat() {
    String help = CliRun.of("show", "-h").out();
    assertTrue(help.contains("print(np.load(FILE))"), help);
    assertTrue(help.contains("print(repr(np.load(FILE)))"), help);
    assertTrue(help.contains("print(k + \":\"); print(v)"), help);
  }

  @Test
  void versionNamesTheProjectVersion() {
    CliRun r = CliRun.of("--version");
    assertEquals(Main.OK, r.code());
    assertTrue(r.out().matches("(?s)tensorgraph \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), r.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = CliRun.of("show", "--bogus", "x.npy");
    assertUsageError(r, "tensorgraph: Unknown option: '--bogus'", "tensorgraph show");
  }

  @Test
  void missingArgumentIsAUsageError() {
    CliRun r = CliRun.of("show");
    assertUsageError(r, "tensorgraph: Missing required parameter: 'FILE'", "tensorgraph show");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliRun r = CliRun.of("frobnicate");
    assertUsageError(r, "tensorgraph: unknown command 'frobnicate' (one of: " + commands() + ")",
        "tensorgraph");
  }

  @Test
  void noSubcommandIsAUsageError() {
    CliRun r = CliRun.of();
    assertUsageError(r, "tensorgraph: missing command (one of: " + commands() + ")",
        "tensorgraph");
  }

  /** The subcommands in registration order (checked to hold ours, help last). */
  private static String commands() {
    var names = List.copyOf(new CommandLine(new Main()).getSubcommands().keySet());
    assertTrue(names.containsAll(List.of("run", "inspect", "dot", "freeze", "show", "demo")),
        names.toString());
    assertEquals("help", names.get(names.size() - 1));
    return String.join(", ", names);
  }

  @Test
  void oneLineJoinsMultiLineMessages() {
    assertEquals("a b c", Main.oneLine(" a\n  b\r\nc\n"));
  }

  /** Exit 2, nothing on stdout, the message line and then a hint at the right --help. */
  static void assertUsageError(CliRun r, String message, String command) {
    assertEquals(Main.USAGE, r.code(), r.err());
    assertEquals("", r.out());
    String[] lines = r.errLines();
    assertEquals(2, lines.length, r.err());
    assertEquals(message, lines[0]);
    assertEquals("Try '" + command + " --help' for more information.", lines[1]);
  }
}
