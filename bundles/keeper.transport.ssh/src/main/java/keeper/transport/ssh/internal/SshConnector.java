package keeper.transport.ssh.internal;

import java.io.IOException;
import java.time.Duration;

import org.osgi.service.component.annotations.Component;

import keeper.api.spi.transport.Connection;
import keeper.api.spi.transport.Connector;
import keeper.api.spi.transport.Endpoint;
import keeper.api.spi.transport.Scheme;

/**
 * {@code ssh://[user@]host[:sshport][?port=N]}: reaches a Keeper server that listens only on the
 * remote host's loopback by running the system OpenSSH client as a stdio tunnel. Using the user's
 * own ssh gives exactly their setup (~/.ssh/config aliases, User, IdentityFile, Port, ProxyJump,
 * ssh-agent, known_hosts) with no SSH library in the runtime.
 *
 * <p>A DS component inside the runtime; the {@code keeper} CLI finds it with ServiceLoader through
 * the public no-argument constructor. Nothing here needs OSGi at run time.
 */
@Component(service = Connector.class)
@Scheme(SshConnector.SCHEME)
public final class SshConnector implements Connector {

    static final String SCHEME = "ssh";

    private final SettingsSource settings;

    public SshConnector() {
        this(SshSettings::current);
    }

    SshConnector(SettingsSource settings) {
        this.settings = settings;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Connection open(Endpoint endpoint, Duration timeout) throws IOException {
        SshSettings current = settings.read();
        return SshTunnel.open(TunnelCommand.of(endpoint, current, timeout), current, timeout);
    }

    /** Where the settings come from: this JVM's properties and environment, or a test's. */
    @FunctionalInterface
    interface SettingsSource {
        SshSettings read() throws IOException;
    }
}
