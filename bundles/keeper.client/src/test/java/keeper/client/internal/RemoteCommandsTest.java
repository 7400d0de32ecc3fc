package keeper.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connector;
import keeper.client.LoopbackConnector;
import keeper.client.LoopbackServer;
import keeper.client.ProgressFeed;

class RemoteCommandsTest {

    private final RemoteCommands commands = commandsWithTimeout(5);
    private final Connector tcp = new LoopbackConnector();
    private final Map<String, Object> tcpProperties = Map.of(Connector.SCHEME, "tcp");
    private LoopbackServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static RemoteCommands commandsWithTimeout(long seconds) {
        return new RemoteCommands(new RemoteCommands.Config() {
            @Override
            public long timeout_seconds() {
                return seconds;
            }

            @Override
            public String zookeeper() {
                return "";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return RemoteCommands.Config.class;
            }
        });
    }

    private String echo() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().startsWith("restart")
                ? Reply.ok("restarted web") : Reply.error("no such command"));
        return server.address();
    }

    @Test
    void answersWithTheReplyOfTheRegisteredConnector() throws IOException {
        String host = echo();
        commands.addConnector(tcp, tcpProperties);

        assertEquals("restarted web", commands.remote("restart", "web", "on", host));
    }

    @Test
    void aLongStartAllOutlastsTheTimeoutWithProgressAndAnswersItsReply() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().equals("start all --progress")
                ? ProgressFeed.reply(12, Reply.ok("web started (pid 42)")) : Reply.error("unexpected " + envelope.line()));
        RemoteCommands oneSecond = commandsWithTimeout(1);
        oneSecond.addConnector(tcp, tcpProperties);

        assertEquals("web started (pid 42)", oneSecond.remote("start", "all", "on", server.address()));
    }

    @Test
    void jsonIsAskedForAndPrintedAsOneLinePerHostLikeTheCli() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> envelope.line().equals("status --json")
                ? Reply.ok("{\"children\":[]}") : Reply.error("not asked for JSON: " + envelope.line()));
        commands.addConnector(tcp, tcpProperties);

        assertEquals("{\"host\":\"" + server.address() + "\",\"ok\":true,\"children\":[]}",
                commands.remote("status", "--json", "on", server.address()));
    }

    @Test
    void aFailedHostIsThrownWithTheWholeOutput() throws IOException {
        String host = echo();
        commands.addConnector(tcp, tcpProperties);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> commands.remote("frobnicate", "on", host, "on", "ssh://ops@db"));

        assertEquals("== " + host + " ==\nno such command\n== ssh://ops@db ==\n"
                + "no transport for scheme 'ssh', install the keeper.transport.ssh bundle", failure.getMessage());
    }

    @Test
    void anUnregisteredConnectorIsNoLongerUsed() throws IOException {
        String host = "loop://" + echo();
        Map<String, Object> loop = Map.of(Connector.SCHEME, "loop");
        commands.addConnector(tcp, loop);
        assertEquals("restarted web", commands.remote("restart", "web", "on", host));
        commands.removeConnector(tcp, loop);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> commands.remote("restart", "web", "on", host));

        assertEquals("no transport for scheme 'loop', install the keeper.transport.loop bundle", failure.getMessage());
    }

    @Test
    void usageErrorsAreIllegalArguments() throws IOException {
        echo();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> commands.remote("restart", "web", "with"));

        assertEquals("'with' needs a key file, e.g. with ~/.keeper/ops.pem\n"
                + "usage: keeper:remote <command> [child|all] [--json] [on HOST]... [with /path/to/key.pem]", failure.getMessage());
    }

    @Test
    void aServersUsageReplyIsAnIllegalArgumentToo() throws IOException {
        server = LoopbackServer.start((envelope, caller) -> Reply.error("usage: stop <child>"));
        commands.addConnector(tcp, tcpProperties);

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> commands.remote("stop", "on", server.address()));

        assertEquals("usage: stop <child>", failure.getMessage());
    }

    @Test
    void signingWithoutASignerServiceIsRefused() throws IOException {
        String host = echo();
        commands.addConnector(tcp, tcpProperties);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> commands.remote("restart", "web", "on", host, "with", "/keys/ops.pem"));

        assertEquals("signing needs the keeper.auth.pem bundle", failure.getMessage());
    }
}
