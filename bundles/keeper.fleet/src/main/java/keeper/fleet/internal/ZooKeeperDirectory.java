package keeper.fleet.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.osgi.service.component.annotations.Component;

import keeper.client.FleetMember;
import keeper.client.GroupDirectory;
import keeper.client.GroupReference;

/**
 * Reads a group's live members from ZooKeeper for {@code on group:NAME} and {@code keeper hosts}: the
 * children of the group's node, each read once, the malformed ones skipped. A DS service inside the runtime
 * ({@code keeper:remote}); the {@code keeper} CLI finds it with ServiceLoader (public no-argument constructor).
 */
@Component
public final class ZooKeeperDirectory implements GroupDirectory {

    public ZooKeeperDirectory() {
        // ServiceLoader and DS both need a public no-argument constructor.
    }

    @Override
    public List<FleetMember> members(String registry, String group, Duration timeout) throws IOException {
        if (!GroupReference.NAME.matcher(group).matches()) {
            throw new IOException("'" + group + "' is not a group name");
        }
        // The session only lives for this call; the ensemble must answer within the timeout, or the user hears why.
        try (CuratorFramework client = Curators.client(registry, timeout.multipliedBy(2), timeout,
                new RetryOneTime(100), Optional.empty())) {
            client.start();
            if (!client.blockUntilConnected((int) Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                throw new IOException("cannot reach ZooKeeper at " + registry + " within " + timeout.toSeconds()
                        + " s (is it running, and is the address right? see docs/fleet.md)");
            }
            return read(client, FleetPaths.group(group), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking ZooKeeper at " + registry);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad ZooKeeper address '" + registry + "': " + e.getMessage());
        }
    }

    /**
     * Lists the group, then reads every member's node at once (background reads, answered in one stream), so a
     * group of a thousand costs about one round trip to ZooKeeper, not a thousand.
     */
    private static List<FleetMember> read(CuratorFramework client, String groupPath, Duration timeout)
            throws IOException, InterruptedException {
        List<String> ids;
        try {
            ids = new ArrayList<>(client.getChildren().forPath(groupPath));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new IOException("ZooKeeper could not list " + groupPath + ": " + e.getMessage());
        }
        ids.sort(null);
        AtomicReferenceArray<FleetMember> members = new AtomicReferenceArray<>(ids.size());
        CountDownLatch read = new CountDownLatch(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            try {
                client.getData().inBackground((curator, event) -> {
                    // a node gone between the listing and the read is a server that just left
                    if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                        Registration.decode(event.getData()).ifPresent(member -> members.set(index, member));
                    }
                    read.countDown();
                }).forPath(groupPath + "/" + ids.get(i));
            } catch (Exception e) {
                throw new IOException("ZooKeeper could not read " + groupPath + "/" + ids.get(i) + ": " + e.getMessage());
            }
        }
        if (!read.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            throw new IOException("ZooKeeper did not answer for every member of " + groupPath + " within "
                    + timeout.toSeconds() + " s");
        }
        List<FleetMember> found = new ArrayList<>();
        for (int i = 0; i < members.length(); i++) {
            if (members.get(i) != null) {
                found.add(members.get(i));
            }
        }
        return found;
    }
}
