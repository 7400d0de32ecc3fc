package keeper.client.cli;

import java.io.IOException;
import java.time.Duration;

import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;
import keeper.client.LoopbackConnector;

/** The {@code plugin://} transport, found only through a jar in the plugin directory (see {@link PluginJar}). */
public final class PluginConnector implements Connector {

    @Override
    public String scheme() {
        return "plugin";
    }

    @Override
    public Connection open(Endpoint endpoint, Duration timeout) throws IOException {
        return new LoopbackConnector().open(endpoint, timeout);
    }
}
