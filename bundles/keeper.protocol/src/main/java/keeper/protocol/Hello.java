package keeper.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import keeper.api.spi.command.Reply;

/**
 * How a client learns which server it talks to, so that it can sign a request for that server only.
 * On a connection, before its request, a client may send one hello frame and gets the server's id:
 *
 * <pre>
 * KEEPER/2 HELLO                  (the whole request payload)
 * KEEPER/2 HELLO\n server: ID     (the reply payload)
 * </pre>
 *
 * The id is not secret and not trusted: it only makes a signature valid for one server. A server that
 * receives a request signed for another id refuses it.
 */
public final class Hello {

    /**
     * The credential naming the server a request is signed for, as its hello told: a client adds it
     * before signing, so the signature covers it; an authenticator checks it against its own id.
     */
    public static final String SERVER_CREDENTIAL = "server";

    private static final String HELLO = "KEEPER/" + WireFormat.VERSION + " HELLO";
    private static final String SERVER = "\nserver: ";
    private static final byte[] REQUEST = HELLO.getBytes(StandardCharsets.US_ASCII);
    /** What the launcher writes (a UUID), with room for other forms but nothing that breaks a line. */
    private static final Pattern ID_FORM = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private Hello() {
    }

    /** The hello payload a client sends (to be framed). */
    public static byte[] request() {
        return REQUEST.clone();
    }

    static boolean isHello(byte[] payload) {
        return Arrays.equals(payload, REQUEST);
    }

    static byte[] reply(String serverId) {
        return (HELLO + SERVER + serverId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The id in a hello reply; an error reply (e.g. from a server that predates hello) says why there is none. */
    public static String serverId(byte[] payload) throws ProtocolException {
        String text = WireFormat.utf8(payload);
        if (text.startsWith(HELLO + SERVER)) {
            String id = text.substring(HELLO.length() + SERVER.length());
            if (ID_FORM.matcher(id).matches()) {
                return id;
            }
            throw new ProtocolException("the server's id '" + Printable.line(id, Printable.LOG_LENGTH) + "' is not valid");
        }
        Reply reply = WireFormat.decodeReply(payload);
        throw new ProtocolException("the server cannot take signed requests of this client (protocol version "
                + WireFormat.VERSION + "): " + reply.text());
    }
}
