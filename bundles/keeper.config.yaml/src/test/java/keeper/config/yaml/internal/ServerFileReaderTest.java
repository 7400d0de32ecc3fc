package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import keeper.api.ConfigProblem;
import keeper.api.ServerConfig;
import keeper.api.StartupMode;

class ServerFileReaderTest extends ConfigDirFixture {

    @Test
    void readsEveryField() throws Exception {
        Path file = dir.write("etc/server.yml",
                "loadpaths:",
                "  - children/",
                "  - /abs/other",
                "mode: half",
                "startup: [web, db]",
                "encrypt: on",
                "pub_keys_path:",
                "  - keys",
                "listener_addr: 10.0.0.5",
                "ipv6: false",
                "port: 4000");
        ServerConfig config = ServerFileReader.read(file);
        assertEquals(file, config.file());
        assertEquals(List.of(root.resolve("etc/children"), Path.of("/abs/other")), config.loadPaths());
        assertEquals(StartupMode.HALF, config.mode());
        assertEquals(List.of("web", "db"), config.startup());
        assertTrue(config.encrypt());
        assertEquals(List.of(root.resolve("etc/keys")), config.pubKeysPaths());
        assertEquals("10.0.0.5", config.listenerAddr());
        assertFalse(config.ipv6());
        assertEquals(4000, config.port());
        assertEquals("10.0.0.5", config.bindAddress());
    }

    @Test
    void defaultsWhenFieldsAreAbsent() throws Exception {
        ServerConfig config = ServerFileReader.read(dir.write("server.yml", "mode: quiet"));
        assertEquals(List.of(), config.loadPaths());
        assertEquals(StartupMode.QUIET, config.mode());
        assertEquals(List.of(), config.startup());
        assertFalse(config.encrypt());
        assertNull(config.listenerAddr());
        assertFalse(config.ipv6());
        assertEquals(33889, config.port());
        assertEquals("127.0.0.1", config.bindAddress());
    }

    @Test
    void theShippedDefaultConfigReads() throws Exception {
        Path shipped = Path.of("../../runtime/src/dist/etc/server.yml");
        // the runtime accepts its features' names as sections; the shipped file turns hot deployment on
        ServerFile file = ServerFileReader.read(shipped, null, Set.of("deploy"));
        assertTrue(file.sections().containsKey("deploy"), file::toString);
        ServerConfig config = file.config();
        assertEquals(List.of(shipped.toAbsolutePath().normalize().resolveSibling("children")), config.loadPaths());
        assertEquals("127.0.0.1", config.bindAddress());
    }

    @ParameterizedTest
    @CsvSource({"on, true", "off, false", "true, true", "false, false", "'\"on\"', true", "'\"off\"', false",
        "On, true", "OFF, false", "yes, true"})
    void encryptAcceptsOnOffWrittenAnyWay(String written, boolean expected) throws Exception {
        assertEquals(expected, ServerFileReader.read(dir.write("server.yml", "encrypt: " + written)).encrypt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "[on]", "\"yes please\""})
    void encryptRefusesAnythingElse(String written) {
        Path file = dir.write("server.yml", "port: 1", "encrypt: " + written);
        Problem.single(() -> ServerFileReader.read(file), file, 2, "encrypt", "must be on or off");
    }

    @ParameterizedTest
    @CsvSource({
        "'', false, false, 127.0.0.1",
        "'', true, false, ::1",
        "'', false, true, 0.0.0.0",
        "'', true, true, ::",
        "'listener_addr: 192.168.1.2', false, false, 192.168.1.2",
        "'listener_addr: 192.168.1.2', true, true, 192.168.1.2",
        "'listener_addr: \"::1\"', false, true, ::1"})
    void bindAddressRule(String listener, boolean ipv6, boolean encrypt, String expected) throws Exception {
        Path file = dir.write("server.yml", listener, "ipv6: " + ipv6, "encrypt: " + (encrypt ? "on" : "off"));
        ServerConfig config = ServerFileReader.read(file);
        assertEquals(expected, config.bindAddress());
    }

    @Test
    void theDefaultBindAddressFollowsTheEncryptInForceNotTheEditedFile() throws Exception {
        Path editedToOn = dir.write("server.yml", "encrypt: on", "pub_keys_path: [k]");
        assertEquals("0.0.0.0", ServerFileReader.read(editedToOn).bindAddress());
        ServerConfig startedOff = ServerFileReader.read(editedToOn, false);
        assertEquals("127.0.0.1", startedOff.bindAddress(), "requests still go unchecked: stay on loopback");
        assertTrue(startedOff.encrypt(), "encrypt still says what the file says");
        assertEquals("0.0.0.0", ServerFileReader.read(dir.write("off.yml", "encrypt: off"), true).bindAddress());
    }

    @Test
    void unauthenticatedServerOnANonLoopbackAddressIsLoudlyWarnedAbout() throws Exception {
        try (LogRecords log = new LogRecords(ServerFileReader.class)) {
            ServerFileReader.read(dir.write("local.yml", "encrypt: off", "listener_addr: localhost"));
            ServerFileReader.read(dir.write("signed.yml", "encrypt: on", "pub_keys_path: [k]", "listener_addr: 0.0.0.0"));
            assertEquals(List.of(), log.messages());
            Path exposed = dir.write("exposed.yml", "encrypt: off", "listener_addr: 0.0.0.0");
            ServerFileReader.read(exposed);
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().get(0).contains("UNAUTHENTICATED") && log.messages().get(0).contains(
                    exposed.toString()), log.messages().get(0));
        }
    }

    @Test
    void unknownFieldIsNamedWithTheClosestKnownOne() {
        Path file = dir.write("server.yml", "mode: quiet", "loadpath:", "  - x");
        ConfigProblem problem = Problem.single(() -> ServerFileReader.read(file), file, 2, "loadpath", "unknown field");
        assertTrue(problem.message().contains("did you mean 'loadpaths'"), problem.message());
        assertEquals(file.toAbsolutePath() + ":2: field 'loadpath': unknown field (did you mean 'loadpaths'?)",
                problem.toString());
    }

    @Test
    void unknownFieldFarFromAnyKnownOneGetsNoSuggestion() {
        Path file = dir.write("server.yml", "colour: blue");
        ConfigProblem problem = Problem.single(() -> ServerFileReader.read(file), file, 1, "colour", "unknown field");
        assertFalse(problem.message().contains("did you mean"), problem.message());
    }

    @Test
    void portZeroMeansAnyFreePort() throws Exception {
        Path file = dir.write("server.yml", "port: 0");
        assertEquals(0, ServerFileReader.read(file).port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "-1", "http", "80.5", "[1]"})
    void portOutOfRangeOrNotANumberIsRefused(String written) {
        Path file = dir.write("server.yml", "port: " + written);
        Problem.single(() -> ServerFileReader.read(file), file, 1, "port", "must be");
    }

    @Test
    void badModeListsTheChoices() {
        Path file = dir.write("server.yml", "mode: loud");
        Problem.single(() -> ServerFileReader.read(file), file, 1, "mode", "must be one of quiet, half, full");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() {
        Path file = dir.write("server.yml",
                "loadpaths: children",
                "mode: full",
                "startup: [ok, 'bad name']",
                "ipv6: maybe",
                "port: 99999");
        List<ConfigProblem> problems = Problem.thrownBy(() -> ServerFileReader.read(file));
        assertEquals(4, problems.size(), problems.toString());
        Problem.matches(problems.get(0), file, 1, "loadpaths", "must be a list");
        Problem.matches(problems.get(1), file, 3, "startup[1]", "not a valid child name");
        Problem.matches(problems.get(2), file, 4, "ipv6", "must be true or false");
        Problem.matches(problems.get(3), file, 5, "port", "at most 65535");
    }

    @Test
    void missingServerFileIsNamed() {
        Path file = root.resolve("nowhere.yml");
        Problem.single(() -> ServerFileReader.read(file), file, 0, null, "does not exist");
    }
}
