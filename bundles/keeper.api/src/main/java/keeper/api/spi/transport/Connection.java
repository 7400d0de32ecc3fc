package keeper.api.spi.transport;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/** A byte stream to one Keeper server, opened by a {@link Connector}. Closing it releases everything. */
@ConsumerType
public interface Connection extends Closeable {
    InputStream input();

    OutputStream output();
}
