package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import keeper.api.RunAs;
import keeper.api.RunAs.StopSignal;

/** Issue 15: user, group, umask, nofile and stopsignal in a child file. */
class RunAsFieldsTest extends ConfigDirFixture {

    @Test
    void readsEveryField() throws Exception {
        Path file = dir.write("web.yml", "command: x", "user: www-data", "group: 4", "umask: \"027\"",
                "nofile: 4096", "stopsignal: USR1");
        assertEquals(new RunAs("www-data", "4", 027, 4096L, StopSignal.USR1), ChildFileReader.read("web", file).runAs());
    }

    @Test
    void withoutTheFieldsAChildRunsAsTheServerAndStopsBySigterm() throws Exception {
        assertEquals(RunAs.DEFAULT, ChildFileReader.read("a", dir.write("a.yml", "command: x")).runAs());
    }

    @ParameterizedTest
    @CsvSource({"022, 18", "'\"022\"', 18", "0077, 63", "0, 0", "777, 511"})
    void umaskIsOctalHoweverYamlTypesIt(String written, int expected) throws Exception {
        assertEquals(expected, ChildFileReader.read("a", dir.write("a.yml", "command: x", "umask: " + written))
                .runAs().umask());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"089\"", "1000", "'u=rwx'", "[1]", "-1"})
    void aUmaskThatIsNotOctalNamesItsLineAndField(String written) {
        Path file = dir.write("a.yml", "command: x", "umask: " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, "umask", "must be an octal mask");
    }

    @ParameterizedTest
    @CsvSource({"term, TERM", "SIGINT, INT", "QUIT, QUIT", "hup, HUP", "KILL, KILL", "usr2, USR2"})
    void stopSignalsAreNamedWithOrWithoutSig(String written, StopSignal expected) throws Exception {
        assertEquals(expected, ChildFileReader.read("a", dir.write("a.yml", "command: x", "stopsignal: " + written))
                .runAs().stopSignal());
    }

    @Test
    void anUnknownStopSignalListsTheKnownOnes() {
        Path file = dir.write("a.yml", "command: x", "stopsignal: STOP");
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, "stopsignal",
                "must be one of TERM, INT, QUIT, HUP, KILL, USR1, USR2, not 'STOP'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'web server'", "'../root'", "99999999999", "'-x'", "''"})
    void aUserThatCannotNameAnAccountIsRefused(String written) {
        Path file = dir.write("a.yml", "command: x", "user: " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, "user", "must");
    }

    @Test
    void aNumericUserIsKeptAsWritten() throws Exception {
        assertEquals("65534", ChildFileReader.read("a", dir.write("a.yml", "command: x", "user: 65534")).runAs().user());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "many", "1073741817"})
    void nofileMustBeAPositiveWholeNumber(String written) {
        Path file = dir.write("a.yml", "command: x", "nofile: " + written);
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, "nofile", "must be");
    }
}
