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
        Envelope sent = new Envelope(1, "restart web", Map.of("key", "ops", "sig", "AAE="));
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
        byte[] v2 = "KEEPER/2\nline: check\n".getBytes(StandardCharsets.UTF_8);
        ProtocolException e = assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest(v2));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
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
        assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest("KEEPER/1\nkey: a\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ProtocolException.class, () -> WireFormat.decodeRequest(new byte[] {'K', 'E', (byte) 0xC3}));
    }

    @Test
    void headerThatWouldInjectALineIsRejectedAtEncoding() {
        Envelope evil = new Envelope(1, "check\nline: kill", Map.of());
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
