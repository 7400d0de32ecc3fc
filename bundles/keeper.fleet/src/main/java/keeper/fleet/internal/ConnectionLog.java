package keeper.fleet.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

/**
 * One log line per change of the registration's connection, whatever ZooKeeper does meanwhile: a
 * ZooKeeper that stays down for a day costs two lines, not one per retry. (ZooKeeper's and Curator's
 * own logging goes to slf4j, which the runtime does not bind: it would repeat every second.)
 */
final class ConnectionLog implements ConnectionStateListener {

    private static final Logger LOG = System.getLogger(ConnectionLog.class.getName());

    private final String ensemble;
    private final String what;
    private boolean connected;
    private boolean reported;

    /** @param what what the connection is for, e.g. {@code registration in groups [web]} */
    ConnectionLog(String ensemble, String what) {
        this.ensemble = ensemble;
        this.what = what;
    }

    @Override
    public synchronized void stateChanged(CuratorFramework client, ConnectionState state) {
        boolean now = state.isConnected();
        if (reported && now == connected) {
            return;
        }
        reported = true;
        connected = now;
        if (now) {
            LOG.log(Level.INFO, "fleet: connected to ZooKeeper at {0}: {1}", ensemble, what);
        } else {
            LOG.log(Level.WARNING, "fleet: lost ZooKeeper at {0} ({1}); retrying in the background, children are not"
                    + " affected; the registration is back once it answers", ensemble, state.name().toLowerCase());
        }
    }

    /** Until the first connection, one line saying the server keeps trying. */
    void waiting() {
        LOG.log(Level.INFO, "fleet: connecting to ZooKeeper at {0} for {1}", ensemble, what);
    }
}
