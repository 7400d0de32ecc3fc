package keeper.command.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;

import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;

/**
 * {@code encrypt} as it was when the server started. The seed says encrypt mode cannot change while
 * the server runs (turning it off by editing server.yml must not open the door), so the value is the
 * launcher's, decided once per server start ({@value KeeperProperties#ENCRYPT}), and survives an update
 * of this bundle; a later edit of server.yml is only reported, once per change, until the server restarts.
 */
final class EncryptSetting {

    private static final Logger LOG = System.getLogger(EncryptSetting.class.getName());

    private final ConfigSource config;
    private final boolean active;
    private volatile boolean lastSeen;
    /** Why server.yml could not be read at capture, until the first request has logged it. */
    private final AtomicReference<String> unreadableAtCapture;

    private EncryptSetting(ConfigSource config, boolean active, String unreadableAtCapture) {
        this.config = config;
        this.active = active;
        this.lastSeen = active;
        this.unreadableAtCapture = new AtomicReference<>(unreadableAtCapture);
    }

    /**
     * The launcher's {@code bootValue} ({@code true} or {@code false}) when the server runs under the
     * launcher; otherwise {@code encrypt} as server.yml says it now.
     */
    static EncryptSetting atBoot(String bootValue, ConfigSource config) {
        return bootValue != null ? new EncryptSetting(config, Boolean.parseBoolean(bootValue), null) : capture(config);
    }

    /**
     * Reads {@code encrypt} now; it stays in force for the life of the returned setting. An unreadable
     * server.yml fails safe, to {@code on}: the launcher refuses to start on such a file anyway, and
     * until it has, no unsigned request may pass. That is logged at the first request, not here: at
     * boot the launcher's own message is the one error a broken server.yml deserves.
     */
    static EncryptSetting capture(ConfigSource config) {
        try {
            return new EncryptSetting(config, config.server().encrypt(), null);
        } catch (ConfigException e) {
            return new EncryptSetting(config, true, e.getMessage());
        }
    }

    /** Whether requests must be signed; warns when server.yml now says otherwise. */
    boolean required() {
        String unreadable = unreadableAtCapture.getAndSet(null);
        if (unreadable != null) {
            LOG.log(Level.ERROR, "server.yml could not be read when the dispatcher started, so every request must be"
                    + " signed until keeper-server is restarted: {0}", unreadable);
        }
        noticeEdit();
        return active;
    }

    private void noticeEdit() {
        boolean written;
        try {
            written = config.server().encrypt();
        } catch (ConfigException e) {
            LOG.log(Level.DEBUG, "server.yml unreadable while checking encrypt; keeping encrypt {0}", onOff(active));
            return;
        }
        if (written != lastSeen) {
            lastSeen = written;
            if (written != active) {
                LOG.log(Level.WARNING, "server.yml now says encrypt: {0}, but encrypt cannot change while the server"
                        + " runs: encrypt stays {1} until keeper-server is restarted", onOff(written), onOff(active));
            } else {
                LOG.log(Level.INFO, "server.yml says encrypt: {0} again, as in force", onOff(active));
            }
        }
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
