package keeper.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;

class WireFormatTest {

    @Test
    void requestRoundTripsWithCredentials() throws IOException {
        Envelope sent = new Envelope(WireFormat.VERSION, "restart web", Map.of("key", "ops", "sig", "AAE="));
        Envelope got = WireFormat.decodeRequest(WireFormat.encodeRequest(sent));
        assertEquals(sent, got);
    }

    @Test
    void replyRoundTripsBothStatuses() throws IOException {
        assertEquals(Reply.ok("web started\nline two"), WireFormat.decodeReply(WireFormat.encodeReply(Reply.ok("web started\nline two"))));
        Reply error = WireFormat.decodeReply(WireFormat.encodeReply(Reply.error("no child named x")));
        assertFalse(error.ok());
        assertEquals("no child named x", error.text());
    }

    @Test
    void unknownVersionIsRefusedByNumber() {
        byte[] v2 = "KEEPER/3\nline: check\n".getBytes(StandardCharsets.UTF_8);
        ProtocolException e = assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest(v2));
        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }

    @Test
    void versionOneIsRefusedInItsOwnFormatSoAnOldClientShowsWhy() {
        byte[] v1 = "KEEPER/1\nline: check\nkey: ops\n".getBytes(StandardCharsets.UTF_8);
        byte[] reply = Exchange.answer(v1, keeper.api.spi.command.Caller.local("test"), (envelope, caller) -> {
            throw new AssertionError("a version 1 request must not be dispatched");
        });
        assertEquals("KEEPER/1 ERR\nprotocol error: unsupported protocol version 1; this server speaks 2: update the keeper client",
                new String(reply, StandardCharsets.UTF_8));
    }

    @Test
    void anOlderServersRefusalIsReadAsAnError() throws IOException {
        Reply reply = WireFormat.decodeReply("KEEPER/1 ERR\nprotocol error: unsupported protocol version 2; this server speaks 1"
                .getBytes(StandardCharsets.UTF_8));
        assertFalse(reply.ok());
        assertTrue(reply.text().endsWith("this server speaks 1"), reply.text());
        assertThrows(ProtocolException.class, () -> WireFormat.decodeReply("KEEPER/1 OK\nhi".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyTheDocumentedVersionFormIsAccepted() {
        for (String version : new String[] {"01", "+1", "\u0661", "1 ", " 1", "1\r", "", "-1", "0x1", "99999999999"}) {
            byte[] payload = ("KEEPER/" + version + "\nline: check\n").getBytes(StandardCharsets.UTF_8);
            ProtocolException e = assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest(payload), version);
            assertTrue(e.getMessage().startsWith("malformed protocol version"), e.getMessage());
        }
    }

    @Test
    void malformedVersionIsEchoedEscaped() {
        byte[] payload = "KEEPER/\u001b[2J\nline: check\n".getBytes(StandardCharsets.UTF_8);
        ProtocolException e = assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest(payload));
        assertTrue(e.getMessage().contains("KEEPER/\\x1b[2J"), e.getMessage());
    }

    @Test
    void garbageAndMissingLineAreRefused() {
        assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest("KEEPER/2\nkey: a\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest(new byte[] {'K', 'E', (byte) 0xC3}));
    }

    @Test
    void headerThatWouldInjectALineIsRejectedAtEncoding() {
        Envelope evil = new Envelope(WireFormat.VERSION, "check\nline: kill", Map.of());
        assertThrows(IllegalArgumentException.class, () -> WireFormat.encodeRequest(evil));
    }

    @Test
    void oversizeFrameIsRefusedBeforeAllocation() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, new byte[Frames.MAX_REQUEST + 1]);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Frames.read(new ByteArrayInputStream(out.toByteArray()), Frames.MAX_REQUEST));
        assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
        byte[] negative = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(ProtocolException.class, () -> Frames.read(new ByteArrayInputStream(negative), Frames.MAX_REQUEST));
    }
}
