package keeper.fleet.internal;

/**
 * Where registrations live in ZooKeeper: {@code <root>/groups/<group>/<server id>}, one ephemeral node per
 * group a server is in, so listing a group is one {@code getChildren}. The root is always {@code /keeper}:
 * several fleets share one ensemble through a chroot in the connect string ({@code zk1:2181/prod}).
 */
final class FleetPaths {

    private static final String ROOT = "/keeper";

    private FleetPaths() {
    }

    static String group(String group) {
        return ROOT + "/groups/" + group;
    }

    static String member(String group, String serverId) {
        return group(group) + "/" + serverId;
    }
}
