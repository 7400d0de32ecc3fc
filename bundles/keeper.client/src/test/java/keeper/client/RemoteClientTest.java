package keeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import keeper.api.CommandDispatcher;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.auth.RequestSigner;
import keeper.api.spi.command.Reply;
import keeper.api.spi.transport.Connector;

class RemoteClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final List<LoopbackServer> servers = new ArrayList<>();
    private final Connector tcp = new LoopbackConnector();

    @AfterEach
    void stopServers() throws IOException {
        for (LoopbackServer server : servers) {
            server.close();
        }
    }

    private LoopbackServer server(CommandDispatcher dispatcher) throws IOException {
        LoopbackServer server = LoopbackServer.start(dispatcher);
        servers.add(server);
        return server;
    }

    private LoopbackServer echo(String name) throws IOException {
        return server((envelope, caller) -> Reply.ok(name + " did " + envelope.line() + "\n"));
    }

    private RemoteClient client(Optional<RequestSigner> signer, Duration timeout) {
        return new RemoteClient(scheme -> scheme.equals("tcp") ? Optional.of(tcp) : Optional.empty(), signer, timeout);
    }

    private static ClientRequest request(String... words) throws UsageException {
        return new ClientGrammar(Path.of("/home/ops")).parse(List.of(words));
    }

    @Test
    void oneHostPrintsJustItsReply() throws Exception {
        LoopbackServer a = echo("a");

        List<HostReply> replies = client(Optional.empty(), TIMEOUT).run(request("restart", "web", "on", a.address()));

        assertEquals("a did restart web", ClientOutput.format(replies));
        assertEquals(ClientOutput.OK, ClientOutput.exitCode(replies));
    }

    @Test
    void severalHostsPrintABlockEachInTheOrderGiven() throws Exception {
        LoopbackServer a = echo("a");
        LoopbackServer b = echo("b");

        List<HostReply> replies = client(Optional.empty(), TIMEOUT)
                .run(request("check", "on", b.address() + ", " + a.address()));

        assertEquals("== " + b.address() + " ==\nb did check\n== " + a.address() + " ==\na did check",
                ClientOutput.format(replies));
        assertEquals(ClientOutput.OK, ClientOutput.exitCode(replies));
    }

    @Test
    void aHostThatIsDownFailsTheRunButTheOthersAreStillPrinted() throws Exception {
        LoopbackServer a = echo("a");
        String down = "127.0.0.1:" + LoopbackServer.closedPort();

        List<HostReply> replies = client(Optional.empty(), TIMEOUT).run(request("check", "on", down, "on", a.address()));

        assertEquals(ClientOutput.FAILED, ClientOutput.exitCode(replies));
        String output = ClientOutput.format(replies);
        assertTrue(output.startsWith("== " + down + " ==\ncannot connect to " + down
                + ": connection refused (is keeper-server running there?)"), output);
        assertTrue(output.endsWith("== " + a.address() + " ==\na did check"), output);
    }

    @Test
    void anErrReplyFailsTheRun() throws Exception {
        LoopbackServer refusing = server((envelope, caller) -> Reply.error("no child named 'web'"));
        LoopbackServer a = echo("a");

        List<HostReply> replies = client(Optional.empty(), TIMEOUT).run(request("restart", "web", "on", a.address(), "on", refusing.address()));

        assertEquals(List.of(true, false), replies.stream().map(HostReply::ok).toList());
        assertEquals("no child named 'web'", replies.get(1).text());
        assertEquals(ClientOutput.FAILED, ClientOutput.exitCode(replies));
    }

    @Test
    void aSchemeWithoutConnectorNamesTheBundleToInstall() throws Exception {
        LoopbackServer a = echo("a");

        List<HostReply> replies = client(Optional.empty(), TIMEOUT).run(request("info", "on", "ssh://ops@db", "on", a.address()));

        assertEquals(new HostReply(replies.get(0).endpoint(), false,
                "no transport for scheme 'ssh', install the keeper.transport.ssh bundle", false), replies.get(0));
        assertTrue(replies.get(1).ok());
    }

    @Test
    void hostsAreAskedInParallel() throws Exception {
        CountDownLatch bothArrived = new CountDownLatch(2);
        CommandDispatcher waitsForTheOther = (envelope, caller) -> {
            bothArrived.countDown();
            try {
                return bothArrived.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? Reply.ok("together") : Reply.error("alone");
            } catch (InterruptedException e) {
                return Reply.error("interrupted");
            }
        };
        LoopbackServer a = server(waitsForTheOther);
        LoopbackServer b = server(waitsForTheOther);

        List<HostReply> replies = client(Optional.empty(), Duration.ofSeconds(20)).run(request("check", "on", a.address(), "on", b.address()));

        assertEquals(List.of("together", "together"), replies.stream().map(HostReply::text).toList());
    }

    @Test
    void aHostThatReportsProgressHasItsTimeoutFromItsLastReportNotFromTheRequest() throws Exception {
        LoopbackServer slow = server((envelope, caller) -> envelope.line().equals("start all --progress")
                ? ProgressFeed.reply(12, Reply.ok("web started (pid 42)")) : Reply.error("unexpected " + envelope.line()));
        LoopbackServer a = echo("a");
        List<String> pieces = new CopyOnWriteArrayList<>();

        // no Connector: tcp hosts are driven by the client's own fan-out, progress or not
        RemoteClient client = new RemoteClient(scheme -> Optional.empty(), Optional.empty(), Duration.ofSeconds(1));

        List<HostReply> replies = client.run(request("start", "all", "--progress", "on", slow.address(), "on", a.address()),
                (host, text) -> pieces.add(host.text() + " " + text));

        assertEquals(new HostReply(replies.get(0).endpoint(), true, "web started (pid 42)"), replies.get(0));
        assertEquals("a did start all --progress", replies.get(1).text().strip());
        assertEquals("%s started 12 of 12%n".formatted(slow.address()), pieces.get(pieces.size() - 1));
        assertEquals(13, pieces.size(), pieces.toString());
    }

    @Test
    void aHostThatDoesNotAnswerInTimeIsGivenUp() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LoopbackServer silent = server((envelope, caller) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok("too late");
        });
        LoopbackServer a = echo("a");

        List<HostReply> replies = assertTimeoutPreemptively(Duration.ofSeconds(4),
                () -> client(Optional.empty(), Duration.ofSeconds(1)).run(request("check", "on", silent.address(), "on", a.address())));

        assertEquals("no answer within 1 s", replies.get(0).text());
        assertEquals("a did check", replies.get(1).text().strip());
        never.countDown();
    }

    @Test
    void aSignedRequestIsSignedForEachServerItReaches() throws Exception {
        List<Envelope> received = new CopyOnWriteArrayList<>();
        CommandDispatcher recording = (envelope, caller) -> {
            received.add(envelope);
            return Reply.ok("signed by " + envelope.credentials().get("key") + " for " + envelope.credentials().get("server"));
        };
        LoopbackServer a = server(recording);
        LoopbackServer b = server(recording);
        AtomicInteger signatures = new AtomicInteger();
        RequestSigner signer = (envelope, key) -> {
            signatures.incrementAndGet();
            Map<String, String> credentials = new java.util.HashMap<>(envelope.credentials());
            credentials.put("key", key.getFileName().toString());
            return new Envelope(envelope.version(), envelope.line(), credentials);
        };

        List<HostReply> replies = client(Optional.of(signer), TIMEOUT)
                .run(request("restart", "web", "on", a.address(), "on", b.address(), "with", "/keys/ops.pem"));

        assertEquals(2, signatures.get());
        assertEquals(List.of("signed by ops.pem for " + a.serverId(), "signed by ops.pem for " + b.serverId()),
                replies.stream().map(HostReply::text).toList());
        assertEquals(2, received.size());
        assertTrue(received.stream().allMatch(envelope -> envelope.line().equals("restart web") && envelope.isSigned()));
    }

    @Test
    void aKeyThatCannotSignFailsTheRunNotAHost() throws Exception {
        LoopbackServer a = echo("a");
        RequestSigner broken = (envelope, key) -> {
            throw new IOException("key " + key + " is RSA 5000 bits");
        };

        IOException failure = assertThrows(IOException.class,
                () -> client(Optional.of(broken), TIMEOUT).run(request("check", "on", a.address(), "with", "/keys/big.pem")));

        assertEquals("key /keys/big.pem is RSA 5000 bits", failure.getMessage());
    }

    @Test
    void aKeyWithoutSignerSaysWhichBundleIsMissing() throws Exception {
        LoopbackServer a = echo("a");

        IOException failure = assertThrows(IOException.class,
                () -> client(Optional.empty(), TIMEOUT).run(request("check", "on", a.address(), "with", "/keys/ops.pem")));

        assertEquals("signing needs the keeper.auth.pem bundle", failure.getMessage());
    }

    @Test
    void anAuthenticationFailureGetsAHintFromTheClientAloneAndServerUsageRepliesExitTwo() throws Exception {
        LoopbackServer refusing = server((envelope, caller) -> Reply.error("authentication failed"));
        LoopbackServer usage = server((envelope, caller) -> Reply.error("usage: stop <child>"));
        RequestSigner signer = (envelope, key) -> new Envelope(envelope.version(), envelope.line(), Map.of("key", "private"));

        List<HostReply> signed = client(Optional.of(signer), TIMEOUT)
                .run(request("status", "on", refusing.address(), "with", "~/keys/private.PEM"));
        List<HostReply> unsigned = client(Optional.empty(), TIMEOUT).run(request("status", "on", refusing.address()));
        List<HostReply> stop = client(Optional.empty(), TIMEOUT).run(request("stop", "on", refusing.address(), "on", usage.address()));

        assertEquals("authentication failed\nhint: you signed as key 'private', so the server looks for a public key file"
                + " named private.pem in its pub_keys_path; see docs/security.md", ClientOutput.format(signed));
        assertEquals(ClientOutput.FAILED, ClientOutput.exitCode(signed));
        assertTrue(ClientOutput.format(unsigned).endsWith("\nhint: this server takes only signed requests (encrypt: on):"
                + " add with /path/to/KEY.pem; see docs/security.md"), ClientOutput.format(unsigned));
        assertEquals(ClientOutput.USAGE, ClientOutput.exitCode(stop));
    }

    @Test
    void blackHoledHostsCostOneTimeoutTogetherNotOneEach() throws Exception {
        List<java.nio.channels.ServerSocketChannel> holes = new ArrayList<>();
        List<String> words = new ArrayList<>(List.of("check"));
        try {
            for (int i = 0; i < 30; i++) {
                // listening but never accepting: the kernel completes the connection, no one ever answers
                java.nio.channels.ServerSocketChannel hole = java.nio.channels.ServerSocketChannel.open()
                        .bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
                holes.add(hole);
                words.addAll(List.of("on", "127.0.0.1:" + ((java.net.InetSocketAddress) hole.getLocalAddress()).getPort()));
            }
            LoopbackServer a = echo("a");
            words.addAll(List.of("on", a.address()));

            // thirty holes asked one after another would take 30 s
            List<HostReply> replies = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> client(Optional.empty(), Duration.ofSeconds(1)).run(request(words.toArray(String[]::new))));

            assertEquals(30, replies.stream().filter(reply -> reply.text().equals("no answer within 1 s")).count());
            assertEquals("a did check", replies.get(30).text().strip());
            assertEquals("31 hosts: 1 answered, 0 refused, 30 unreachable", ClientOutput.summary(replies));
        } finally {
            for (java.nio.channels.ServerSocketChannel hole : holes) {
                hole.close();
            }
        }
    }

    @Test
    void atMostParallelHostsAreInFlight() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CommandDispatcher counting = (envelope, caller) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            inFlight.decrementAndGet();
            return Reply.ok("counted");
        };
        List<String> words = new ArrayList<>(List.of("check"));
        for (int i = 0; i < 8; i++) {
            words.addAll(List.of("on", server(counting).address()));
        }

        List<HostReply> replies = new RemoteClient(scheme -> Optional.empty(), Optional.empty(), TIMEOUT, 1)
                .run(request(words.toArray(String[]::new)));

        assertEquals(8, replies.stream().filter(HostReply::ok).count());
        assertEquals(1, most.get());
    }

    @Test
    void aHostNameIsLookedUpAndAnUnknownOneSaysSo() throws Exception {
        LoopbackServer a = echo("a");

        List<HostReply> replies = client(Optional.empty(), TIMEOUT)
                .run(request("check", "on", "localhost:" + a.port(), "on", "no-such-host.invalid:1234"));

        assertEquals("a did check", replies.get(0).text().strip());
        assertEquals(new HostReply(replies.get(1).endpoint(), false, "cannot connect to no-such-host.invalid:1234: unknown host",
                false), replies.get(1));
        assertEquals("== localhost:" + a.port() + " ==\na did check", ClientOutput.format(replies.subList(0, 1), true));
    }

    @Test
    void aHostThatFailsAtOnceDoesNotWaitOutItsTimeout() throws Exception {
        // the broadcast address fails the connect call itself: the failure is known at once, nothing to wait for
        List<HostReply> replies = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> client(Optional.empty(), Duration.ofSeconds(60)).run(request("check", "on", "255.255.255.255:1")));

        assertTrue(replies.get(0).text().startsWith("cannot connect to 255.255.255.255:1: "), replies.get(0).text());
    }
}
