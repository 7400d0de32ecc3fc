package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import keeper.api.ConfigSection;
import keeper.api.ServerConfig;

/** Feature sections of server.yml: accepted under a feature's name, read with file, line and field in every error. */
class ConfigSectionTest extends ConfigDirFixture {

    private static final Set<String> FEATURES = Set.of("core", "http", "fleet");

    @Test
    void aFeatureSectionIsAcceptedBesideKeepersOwnFields() throws Exception {
        Path file = dir.write("server.yml",
                "port: 4000",
                "http:",
                "  listener_addr: 127.0.0.1",
                "  port: 8081",
                "  origins: [https://ops.example]",
                "  tls:",
                "    enabled: on");
        ServerFile read = ServerFileReader.read(file, null, FEATURES);
        assertEquals(4000, read.config().port());
        ConfigSection http = read.sections().get("http");
        assertEquals("http", http.name());
        assertEquals(file.toAbsolutePath().normalize(), http.file());
        http.allowOnly(Set.of("listener_addr", "port", "origins", "tls"));
        assertEquals(Set.of("listener_addr", "port", "origins", "tls"), http.fields());
        assertEquals(Optional.of("127.0.0.1"), http.text("listener_addr"));
        assertEquals(8081, http.wholeNumber("port", 0, 65535).getAsLong());
        assertEquals(List.of("https://ops.example"), http.texts("origins"));
        ConfigSection tls = http.section("tls").orElseThrow();
        assertEquals("http.tls", tls.name());
        assertEquals(Optional.of(true), tls.onOff("enabled"));
        assertTrue(http.text("absent").isEmpty());
        assertTrue(read.sections().get("fleet") == null);
    }

    @Test
    void anUnknownTopLevelKeyIsStillReportedWithTheClosestName() {
        Path file = dir.write("server.yml", "port: 4000", "htp:", "  port: 8081");
        Problem.single(() -> ServerFileReader.read(file, null, FEATURES), file, 2, "htp", "did you mean 'http'?");
    }

    @Test
    void aSectionThatIsNotAMappingIsReported() {
        Path file = dir.write("server.yml", "http: 8081");
        Problem.single(() -> ServerFileReader.read(file, null, FEATURES), file, 1, "http", "must be a mapping");
    }

    @Test
    void aFeatureNameThatIsAlsoAKeeperFieldStaysKeepersField() throws Exception {
        Path file = dir.write("server.yml", "port: 4000");
        ServerFile read = ServerFileReader.read(file, null, Set.of("port"));
        assertEquals(4000, read.config().port());
        assertTrue(read.sections().isEmpty());
    }

    @Test
    void theSectionsErrorsNameTheFileTheLineAndTheFullField() throws Exception {
        Path file = dir.write("server.yml",
                "mode: quiet",
                "http:",
                "  prot: 8081",
                "  port: eighty",
                "  listener_addr: 10.0.0.1");
        ConfigSection http = ServerFileReader.read(file, null, FEATURES).sections().get("http");
        Problem.single(() -> http.allowOnly(Set.of("listener_addr", "port")), file, 3, "http.prot",
                "did you mean 'port'?");
        Problem.single(() -> http.wholeNumber("port", 0, 65535), file, 4, "http.port", "must be a whole number");
        Problem.single(() -> { throw http.problem("listener_addr", "is beyond loopback"); }, file, 5,
                "http.listener_addr", "is beyond loopback");
        Problem.single(() -> { throw http.problem(null, "needs tokens"); }, file, 3, "http", "needs tokens");
    }

    @Test
    void theServerConfigReaderIgnoresSectionsItWasNotToldAbout() {
        Path file = dir.write("server.yml", "http:", "  port: 8081");
        Problem.single(() -> ServerFileReader.read(file), file, 1, "http", "unknown field");
    }

    @Test
    void aSectionIsReadAgainWhenTheFileChanges() throws Exception {
        Path file = dir.write("server.yml", "http:", "  port: 8081");
        ConfigFiles files = new ConfigFiles(file, null, FEATURES);
        assertEquals(8081, files.section("http").orElseThrow().wholeNumber("port", 0, 65535).getAsLong());
        dir.write("server.yml", "http:", "  port: 8082", "# longer, so the stamp differs");
        assertEquals(8082, files.section("http").orElseThrow().wholeNumber("port", 0, 65535).getAsLong());
        dir.write("server.yml", "mode: quiet");
        assertEquals(Optional.empty(), files.section("http"));
        ServerConfig server = files.server();
        assertEquals(ServerConfig.DEFAULT_PORT, server.port());
    }
}
