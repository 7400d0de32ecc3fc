package keeper.api;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** A byte stream to one Keeper server, opened by a {@link Connector}. Closing it releases everything. */
public interface Connection extends Closeable {
    InputStream input();

    OutputStream output();
}
