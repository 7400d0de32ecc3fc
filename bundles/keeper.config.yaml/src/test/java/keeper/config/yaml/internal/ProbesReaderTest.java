package keeper.config.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import keeper.api.ChildSpec;
import keeper.api.ConfigProblem;
import keeper.api.HealthCheck;
import keeper.api.Probe;
import keeper.api.Probes;

class ProbesReaderTest extends ConfigDirFixture {

    @Test
    void readsDependenciesProbesAndMemoryLimit() throws Exception {
        Path file = dir.write("children/web.yml",
                "command: web",
                "depends_on: [db, cache]",
                "ready:",
                "  tcp: 127.0.0.1:5432",
                "  timeout: 2.5",
                "health:",
                "  http: http://127.0.0.1:8080/healthz",
                "  interval: 500ms",
                "  timeout: 1s",
                "  failures: 2",
                "max_memory: 200MB");
        Probes probes = ChildFileReader.read("web", file).probes();
        assertEquals(List.of("db", "cache"), probes.dependsOn());
        assertEquals(new Probe(Probe.Kind.TCP, "127.0.0.1:5432", List.of(), Duration.ofMillis(2500)), probes.ready());
        assertEquals(new HealthCheck(new Probe(Probe.Kind.HTTP, "http://127.0.0.1:8080/healthz", List.of(),
                Duration.ofSeconds(1)), Duration.ofMillis(500), 2), probes.health());
        assertEquals(200L << 20, probes.maxMemory());
        assertEquals(Duration.ofMillis(500), probes.memoryPeriod());
    }

    @Test
    void execIsSplitLikeCommandAndDefaultsApply() throws Exception {
        Path file = dir.write("children/db.yml",
                "command: db",
                "ready:",
                "  exec: pg_isready -q -h 'a host'",
                "health:",
                "  log: 'listening on [0-9]+'");
        Probes probes = ChildFileReader.read("db", file).probes();
        assertEquals(List.of("pg_isready", "-q", "-h", "a host"), probes.ready().argv());
        assertEquals(ProbesReader.DEFAULT_READY_TIMEOUT, probes.ready().timeout());
        assertEquals(new HealthCheck(new Probe(Probe.Kind.LOG, "listening on [0-9]+", List.of(),
                ProbesReader.DEFAULT_HEALTH_TIMEOUT), ProbesReader.DEFAULT_INTERVAL, ProbesReader.DEFAULT_FAILURES),
                probes.health());
    }

    @Test
    void aChildWithoutThemWaitsForNothing() throws Exception {
        ChildSpec spec = ChildFileReader.read("a", dir.write("children/a.yml", "command: a"));
        assertEquals(Probes.NONE, spec.probes());
        assertNull(spec.probes().ready());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "ready:|  timeout: 3|#|3|ready.tcp|needs exactly one probe",
            "ready:|  tcp: localhost|#|3|ready.tcp|host:port",
            "ready:|  tcp: 127.0.0.1:70000|#|3|ready.tcp|host:port",
            "ready:|  http: ftp://example.org/|#|3|ready.http|http:// or https://",
            "ready:|  log: 'listening (on'|#|3|ready.log|not a regular expression",
            "health:|  tcp: 127.0.0.1:1|  interval: -5|4|health.interval|duration above 0",
            "health:|  tcp: 127.0.0.1:1|  timeout: soon|4|health.timeout|duration above 0",
            "health:|  tcp: 127.0.0.1:1|  failures: 0|4|health.failures|must be",
            "depends_on:|  - 'no/name'|#|3|depends_on[0]|not a valid child name",
            "depends_on:|  - a|#|3|depends_on[0]|cannot depend on itself",
    })
    void badInputNamesLineAndField(String block, String first, String second, int line, String field, String words) {
        Path file = dir.write("children/a.yml", "command: a", block, first, second);
        Problem.single(() -> ChildFileReader.read("a", file), file, line, field, words);
    }

    @Test
    void anUnknownProbeKindIsNamedWithTheKnownOnes() {
        Path file = dir.write("children/a.yml", "command: a", "health:", "  udp: 127.0.0.1:53");
        List<ConfigProblem> problems = Problem.thrownBy(() -> ChildFileReader.read("a", file));
        Problem.matches(problems.get(0), file, 3, "health.udp", "unknown field");
        Problem.matches(problems.get(1), file, 3, "health.tcp", "one of tcp, http, exec, log");
    }

    @Test
    void maxMemoryMustBeASize() throws Exception {
        Path file = dir.write("children/a.yml", "command: a", "max_memory: lots");
        Problem.single(() -> ChildFileReader.read("a", file), file, 2, "max_memory", "at least 1MB");
    }
}
