package keeper.fleet.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/** Curator clients as Keeper uses them: one place for timeouts, the digest ACL and a bounded close. */
final class Curators {

    /** Closing a session waits this long for ZooKeeper; a ZooKeeper that is gone expires the session itself. */
    private static final int CLOSE_WAIT_MILLIS = 2000;

    private Curators() {
    }

    /**
     * A client of {@code ensemble}, not started. With {@code digest}, nodes it creates are writable only by that
     * user and readable by everyone (ZooKeeper's CREATOR_ALL + world READ).
     */
    static CuratorFramework client(String ensemble, Duration session, Duration connect, RetryPolicy retry,
            Optional<String> digest) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(ensemble)
                .sessionTimeoutMs(millis(session))
                .connectionTimeoutMs(millis(connect))
                .waitForShutdownTimeoutMs(CLOSE_WAIT_MILLIS)
                .retryPolicy(retry);
        if (digest.isPresent()) {
            List<ACL> acl = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
            acl.addAll(ZooDefs.Ids.READ_ACL_UNSAFE);
            builder.authorization("digest", digest.get().getBytes(StandardCharsets.UTF_8)).aclProvider(new ACLProvider() {
                @Override
                public List<ACL> getDefaultAcl() {
                    return acl;
                }

                @Override
                public List<ACL> getAclForPath(String path) {
                    return acl;
                }
            });
        }
        return builder.build();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
