package keeper.client;

import java.util.List;

/**
 * One live server of a fleet group, as it registered itself. Nothing here is trusted: anyone who may
 * write the registry can claim anything, which is why requests are still signed for the server id each
 * server's own hello tells (docs/fleet.md).
 *
 * @param serverId the id the server registered under
 * @param endpoint where it listens, e.g. {@code tcp://10.0.0.1:33889}
 * @param groups   every group it registered in
 * @param version  the Keeper version it runs
 * @param keys     fingerprints of the public keys it trusts, e.g. {@code ops SHA256:...}
 */
public record FleetMember(String serverId, String endpoint, List<String> groups, String version, List<String> keys) {
    public FleetMember {
        groups = List.copyOf(groups);
        keys = List.copyOf(keys);
    }
}
