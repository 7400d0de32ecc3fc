package keeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import keeper.api.spi.transport.Endpoint;

class ClientGrammarTest {

    private final ClientGrammar grammar = new ClientGrammar(Path.of("/home/ops"));

    private ClientRequest parse(String... words) throws UsageException {
        return grammar.parse(Arrays.asList(words));
    }

    private static List<String> texts(ClientRequest request) {
        return request.hosts().stream().map(Endpoint::text).toList();
    }

    @Test
    void commandAloneGoesToLocalhostUnsigned() throws UsageException {
        ClientRequest request = parse("check");

        assertEquals("check", request.line());
        assertEquals(List.of(EndpointParser.LOCALHOST), request.hosts());
        assertEquals(new Endpoint("tcp", null, "127.0.0.1", -1, java.util.Map.of(), "localhost"), request.hosts().get(0));
        assertFalse(request.isSigned());
    }

    @Test
    void commandAndChildArePassedThroughAsTheLine() throws UsageException {
        assertEquals("restart web", parse("restart", "web").line());
        assertEquals("stop all", parse("stop", "all", "on", "h1").line());
        assertEquals("frobnicate x", parse("frobnicate", "x").line());
    }

    @Test
    void optionWordsAnywhereGoAfterTheCommandAndChild() throws UsageException {
        assertEquals("status web --json", parse("status", "--json", "web", "on", "h1").line());
        assertEquals("status --json", parse("--json", "status", "on", "h1").line());
        assertEquals("logs web --follow --lines=5", parse("logs", "web", "on", "h1", "-f", "with", "/k/ops.pem", "--lines=5").line());
        assertTrue(parse("check", "on", "h1", "--json").wantsJson());
        assertFalse(parse("check", "--jsonish").wantsJson());
        UsageException noHost = assertThrows(UsageException.class, () -> parse("check", "on", "--json"));
        assertTrue(noHost.getMessage().startsWith("'on' needs a host"), noHost.getMessage());
        assertThrows(UsageException.class, () -> parse("check", "web", "db"));
    }

    @Test
    void logsShortOptionsBecomeTheServersOptionWords() throws UsageException {
        assertEquals("logs web --stderr --lines=50 --follow", parse("logs", "web", "--stderr", "-n", "50", "-f").line());
        assertEquals("logs web --lines=3", parse("logs", "web", "--lines", "3", "on", "h1").line());
        assertTrue(parse("logs", "web", "-f").follows());
        assertFalse(parse("logs", "web", "-n", "5").follows());
        UsageException noNumber = assertThrows(UsageException.class, () -> parse("logs", "web", "-n", "on", "h1"));
        assertEquals("'-n' needs a number of lines, e.g. keeper logs web -n 50", noNumber.getMessage());
    }

    @Test
    void severalOnClausesKeepTheirOrder() throws UsageException {
        ClientRequest request = parse("restart", "child0", "on", "198.0.0.2", "on", "198.0.0.3");

        assertEquals(List.of("198.0.0.2", "198.0.0.3"), texts(request));
    }

    @Test
    void aQuotedCommaListIsSeveralHosts() throws UsageException {
        ClientRequest request = parse("restart", "child0", "on", "198.0.0.2, 198.0.0.3", "on", "ssh://ops@db");

        assertEquals(List.of("198.0.0.2", "198.0.0.3", "ssh://ops@db"), texts(request));
    }

    @Test
    void withNamesTheKeyAndExpandsHome() throws UsageException {
        ClientRequest request = parse("restart", "web", "on", "hostA", "on", "hostB", "with", "~/.keeper/ops.pem");

        assertEquals(Path.of("/home/ops/.keeper/ops.pem"), request.key());
        assertTrue(request.isSigned());
        assertEquals(List.of("hostA", "hostB"), texts(request));
    }

    @Test
    void withMayComeBeforeOn() throws UsageException {
        ClientRequest request = parse("check", "with", "/keys/ops.pem", "on", "[::1]:34000");

        assertEquals(Path.of("/keys/ops.pem"), request.key());
        assertEquals(List.of("[::1]:34000"), texts(request));
        assertEquals("check", request.line());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "restart web with                    | 'with' needs a key file, e.g. with ~/.keeper/ops.pem",
            "restart web with on h1              | 'with' needs a key file, e.g. with ~/.keeper/ops.pem",
            "restart web on                      | 'on' needs a host, e.g. on 10.0.0.1, on \"10.0.0.1, 10.0.0.2\", on ssh://ops@db or on group:web",
            "restart web on with a.pem           | 'on' needs a host, e.g. on 10.0.0.1, on \"10.0.0.1, 10.0.0.2\", on ssh://ops@db or on group:web",
            "restart web on host foo             | unexpected word 'foo' after 'on host'",
            "restart web foo                     | unexpected word 'foo' after 'restart web'",
            "check on h1 with a.pem extra        | unexpected word 'extra' after 'with a.pem'",
            "check with a.pem with b.pem         | only one 'with' is allowed, got 'a.pem' and 'b.pem'",
            "check with ops.key                  | key file 'ops.key' must be a .pem file, e.g. with ~/.keeper/ops.pem",
            "on host                             | 'on' needs a command before it, e.g. keeper check on ...",
            "with a.pem                          | 'with' needs a command before it, e.g. keeper check with ...",
            "check on x:99999                    | bad host 'x:99999': port must be 1-65535",
    })
    void usageErrorsNameTheWrongWord(String words, String message) {
        assertEquals(message, assertThrows(UsageException.class, () -> parse(words.split(" "))).getMessage());
    }

    @Test
    void noWordsIsAUsageError() {
        assertEquals("no command given; try keeper --help",
                assertThrows(UsageException.class, () -> parse()).getMessage());
    }

    @Test
    void anEmptyEntryInAHostListIsAUsageError() {
        assertEquals("bad host list 'h1,,h2': entry 2 is empty",
                assertThrows(UsageException.class, () -> parse("check", "on", "h1,,h2")).getMessage());
    }

    @Test
    void aWordWithSpacesIsNotAChildName() {
        assertEquals("child name 'my web' must be one word",
                assertThrows(UsageException.class, () -> parse("restart", "my web")).getMessage());
    }
}
