package keeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import keeper.api.spi.transport.Endpoint;

class EndpointParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "web1                    | tcp |     | web1          | -1",
            "web1.example.com:34000  | tcp |     | web1.example.com | 34000",
            "10.0.0.1                | tcp |     | 10.0.0.1      | -1",
            "10.0.0.1:1              | tcp |     | 10.0.0.1      | 1",
            "10.0.0.1:65535          | tcp |     | 10.0.0.1      | 65535",
            "[::1]:33889             | tcp |     | ::1           | 33889",
            "[::1]                   | tcp |     | ::1           | -1",
            "[2001:db8::7]:34000     | tcp |     | 2001:db8::7   | 34000",
            "::1                     | tcp |     | ::1           | -1",
            "fe80::1%eth0            | tcp |     | fe80::1%eth0  | -1",
            "[fe80::1%eth0]:9        | tcp |     | fe80::1%eth0  | 9",
            "tcp://web1              | tcp |     | web1          | -1",
            "TCP://web1:34000/       | tcp |     | web1          | 34000",
            "tcp://[::1]:34000       | tcp |     | ::1           | 34000",
            "ssh://ops@db            | ssh | ops | db            | -1",
            "ssh://ops@db:2222       | ssh | ops | db            | 2222",
            "ssh://db                | ssh |     | db            | -1",
            "ssh://ops@[::1]:22      | ssh | ops | ::1           | 22",
            "uds://run_keeper        | uds |     | run_keeper    | -1",
    })
    void parsesEveryHostForm(String text, String scheme, String user, String host, int port) throws UsageException {
        Endpoint endpoint = EndpointParser.parse(text);

        assertEquals(new Endpoint(scheme, user, host, port, Map.of(), text), endpoint);
        assertEquals(text, endpoint.toString());
    }

    @Test
    void sshQueryCarriesTheKeeperPort() throws UsageException {
        Endpoint endpoint = EndpointParser.parse("ssh://ops@db:2222?port=33890");

        assertEquals(new Endpoint("ssh", "ops", "db", 2222, Map.of("port", "33890"), "ssh://ops@db:2222?port=33890"), endpoint);
    }

    @Test
    void aUnixSocketPathIsTheHost() throws UsageException {
        assertEquals(new Endpoint("unix", null, "/run/keeper/keeper.sock", -1, Map.of(), "unix:///run/keeper/keeper.sock"),
                EndpointParser.parse("unix:///run/keeper/keeper.sock"));
        UsageException relative = assertThrows(UsageException.class, () -> EndpointParser.parse("unix://keeper.sock"));
        assertTrue(relative.getMessage().contains("absolute path"), relative.getMessage());
    }

    @Test
    void surroundingBlanksAreNotPartOfTheHost() throws UsageException {
        assertEquals(new Endpoint("tcp", null, "10.0.0.2", -1, Map.of(), "10.0.0.2"), EndpointParser.parse(" 10.0.0.2 "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "x:99999                   | bad host 'x:99999': port must be 1-65535",
            "x:0                       | bad host 'x:0': port must be 1-65535",
            "x:http                    | bad host 'x:http': port must be 1-65535",
            "x:                        | bad host 'x:': port must be 1-65535",
            "[::1]:70000               | bad host '[::1]:70000': port must be 1-65535",
            "ssh://ops@db?port=0       | bad host 'ssh://ops@db?port=0': port must be 1-65535",
            "ssh://ops@db?port         | bad host 'ssh://ops@db?port': 'port' is not name=value",
            "ssh://db?port=1&port=2    | bad host 'ssh://db?port=1&port=2': 'port' is given twice",
            "[::1                      | bad host '[::1': missing ']' after the IPv6 address",
            "[::1]34000                | bad host '[::1]34000': unexpected '34000' after ']'; write [address]:port",
            "[10.0.0.1]:5              | bad host '[10.0.0.1]:5': '10.0.0.1' is not an IPv6 address",
            "::g                       | bad host '::g': '::g' is not an IPv6 address",
            "web 1                     | bad host 'web 1': 'web 1' is not a host name or address",
            ":34000                    | bad host ':34000': no host name or address",
            "tcp://web1/status         | bad host 'tcp://web1/status': unexpected path '/status' after the host",
            "ssh://@db                 | bad host 'ssh://@db': '' is not a user name",
            "1tcp://web1               | bad host '1tcp://web1': '1tcp' is not a URI scheme",
    })
    void rejectsBadHostsNamingThem(String text, String message) {
        assertEquals(message, assertThrows(UsageException.class, () -> EndpointParser.parse(text)).getMessage());
    }

    @Test
    void rejectsAnEmptyHost() {
        assertEquals("bad host '': it is empty", assertThrows(UsageException.class, () -> EndpointParser.parse("")).getMessage());
    }
}
