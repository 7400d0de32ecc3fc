package keeper.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Reply;

/**
 * Encodes requests and replies as text.
 *
 * <pre>
 * request:  KEEPER/2\n line: restart web\n [name: value\n]...      (credentials as headers)
 * reply:    KEEPER/2 OK\n text...   or   KEEPER/2 ERR\n text...
 * streamed: KEEPER/2 MORE\n text...  (any number, e.g. a followed log), then one reply as above
 * </pre>
 *
 * Version 2 differs from 1 in what a signature covers (the target server's id, see {@link Hello}); a
 * version 1 request is refused with a version 1 error reply, which an old client understands.
 */
public final class WireFormat {

    public static final int VERSION = 2;
    /** The version before signatures named their server: refused, but answered in its own format. */
    static final int PREVIOUS = 1;
    private static final String MAGIC = "KEEPER/";
    private static final String LINE = "line";
    private static final String MORE = " MORE";
    private static final int MAX_HEADERS = 32;
    /** ASCII digits only: Integer.parseInt alone would take "+1", "01" and non-ASCII digits. */
    private static final Pattern VERSION_FORM = Pattern.compile("[1-9][0-9]{0,8}");

    private WireFormat() {
    }

    public static byte[] encodeRequest(Envelope envelope) {
        StringBuilder text = new StringBuilder(MAGIC).append(envelope.version()).append('\n');
        header(text, LINE, envelope.line());
        // a loop, not a lambda: the CLI pays for bootstrapping every lambda it meets
        for (Map.Entry<String, String> credential : envelope.credentials().entrySet()) {
            header(text, credential.getKey(), credential.getValue());
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Envelope decodeRequest(byte[] payload) throws ProtocolException {
        String[] lines = utf8(payload).split("\n", -1);
        int version = version(lines[0]);
        if (version == PREVIOUS) {
            throw new ProtocolException("unsupported protocol version " + PREVIOUS + "; this server speaks " + VERSION
                    + ": update the keeper client");
        }
        if (version != VERSION) {
            throw new ProtocolException("unsupported protocol version " + version + "; this server speaks " + VERSION);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int colon = lines[i].indexOf(": ");
            if (colon <= 0) {
                throw new ProtocolException("malformed header line " + (i + 1) + ": expected 'name: value'");
            }
            if (headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 2)) != null) {
                throw new ProtocolException("header '" + lines[i].substring(0, colon) + "' given twice");
            }
            if (headers.size() > MAX_HEADERS) {
                throw new ProtocolException("more than " + MAX_HEADERS + " headers");
            }
        }
        String line = headers.remove(LINE);
        if (line == null || line.isBlank()) {
            throw new ProtocolException("request has no command line");
        }
        return new Envelope(version, line, headers);
    }

    public static byte[] encodeReply(Reply reply) {
        return encodeReply(reply, VERSION);
    }

    /** The reply in the version the request spoke, when it spoke one this server still answers in. */
    static byte[] encodeReply(Reply reply, byte[] request) {
        String previous = MAGIC + PREVIOUS + "\n";
        boolean old = request.length >= previous.length()
                && new String(request, 0, previous.length(), StandardCharsets.ISO_8859_1).equals(previous);
        return encodeReply(reply, old ? PREVIOUS : VERSION);
    }

    private static byte[] encodeReply(Reply reply, int version) {
        String head = MAGIC + version + (reply.ok() ? " OK\n" : " ERR\n");
        return (head + reply.text()).getBytes(StandardCharsets.UTF_8);
    }

    /** One frame of a streamed reply: more text, with more to come or the final reply after it. */
    public static byte[] encodeMore(String text) {
        return (MAGIC + VERSION + MORE + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The text of a {@link #encodeMore} frame, or empty when {@code payload} is another frame (a final reply). */
    public static Optional<String> decodeMore(byte[] payload) throws ProtocolException {
        String head = MAGIC + VERSION + MORE + "\n";
        if (payload.length < head.length()
                || !new String(payload, 0, head.length(), StandardCharsets.ISO_8859_1).equals(head)) {
            return Optional.empty();
        }
        return Optional.of(utf8(payload).substring(head.length()));
    }

    public static Reply decodeReply(byte[] payload) throws ProtocolException {
        String text = utf8(payload);
        int newline = text.indexOf('\n');
        String status = newline < 0 ? text : text.substring(0, newline);
        String body = newline < 0 ? "" : text.substring(newline + 1);
        if (status.equals(MAGIC + VERSION + " OK")) {
            return Reply.ok(body);
        }
        if (status.equals(MAGIC + VERSION + " ERR") || status.equals(MAGIC + PREVIOUS + " ERR")) {
            // an older server refusing this version says why in its own format
            return Reply.error(body);
        }
        throw new ProtocolException("not a Keeper reply: '" + abbreviate(status) + "'");
    }

    private static void header(StringBuilder text, String name, String value) {
        if (name.indexOf('\n') >= 0 || name.contains(": ") || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header '" + abbreviate(name) + "' must fit on one line");
        }
        text.append(name).append(": ").append(value).append('\n');
    }

    private static int version(String first) throws ProtocolException {
        if (!first.startsWith(MAGIC)) {
            throw new ProtocolException("not a Keeper request: it must start with " + MAGIC + VERSION);
        }
        String version = first.substring(MAGIC.length());
        if (!VERSION_FORM.matcher(version).matches()) {
            throw new ProtocolException("malformed protocol version '" + abbreviate(first)
                    + "': it is a decimal number without sign or leading zero, e.g. " + MAGIC + VERSION);
        }
        return Integer.parseInt(version);
    }

    static String utf8(byte[] payload) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProtocolException("frame is not valid UTF-8");
        }
    }

    static String abbreviate(String s) {
        return Printable.line(s, 40);
    }
}
