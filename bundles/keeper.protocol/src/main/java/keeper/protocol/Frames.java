package keeper.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A frame is a 4-byte big-endian length followed by that many bytes. */
public final class Frames {

    /** Largest request a server reads: a command line and its credentials fit many times over. */
    public static final int MAX_REQUEST = 16 * 1024;

    /** Largest reply a client reads: {@code check} on thousands of children fits. */
    public static final int MAX_REPLY = 8 * 1024 * 1024;

    private Frames() {
    }

    public static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(frame(payload));
        out.flush();
    }

    /** The length prefix followed by {@code payload}. */
    public static byte[] frame(byte[] payload) {
        byte[] frame = new byte[4 + payload.length];
        frame[0] = (byte) (payload.length >>> 24);
        frame[1] = (byte) (payload.length >>> 16);
        frame[2] = (byte) (payload.length >>> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        return frame;
    }

    /** Refuses a frame length above {@code max} (or with the top bit set) before anything is allocated for it. */
    public static void checkLength(int length, int max) throws ProtocolException {
        if (length < 0 || length > max) {
            throw new ProtocolException("frame of " + Integer.toUnsignedString(length)
                    + " bytes is larger than the limit of " + max + " bytes");
        }
    }

    /**
     * Reads one frame of at most {@code max} bytes. The length is checked before anything is
     * allocated, so a peer cannot make us reserve memory by announcing a huge frame.
     */
    public static byte[] read(InputStream in, int max) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (EOFException e) {
            throw new EOFException("connection closed before a frame arrived");
        }
        checkLength(length, max);
        byte[] payload = new byte[length];
        data.readFully(payload);
        return payload;
    }
}
