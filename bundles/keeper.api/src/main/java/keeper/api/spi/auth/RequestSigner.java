package keeper.api.spi.auth;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** Signs requests for servers with {@code encrypt: on}: {@code keeper ... with /path/to/NAME.pem}. */
@ConsumerType
public interface RequestSigner {

    /**
     * Returns {@code request} with credentials that prove it was sent by the holder of the private key
     * in {@code privateKeyPem}; the key's name is the file's stem. Fails with a message naming the file
     * when the key cannot be read or is not usable.
     */
    Envelope sign(Envelope request, Path privateKeyPem) throws IOException;
}
