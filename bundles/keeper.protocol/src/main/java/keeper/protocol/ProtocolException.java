package keeper.protocol;

import java.io.IOException;

/** Bytes that do not follow the protocol; the message is fit to send back to the peer. */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
