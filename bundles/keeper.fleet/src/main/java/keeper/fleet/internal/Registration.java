package keeper.fleet.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import keeper.client.FleetMember;
import keeper.client.GroupReference;

/**
 * What a server writes into its registration node, as text lines like the wire protocol's headers:
 *
 * <pre>
 * keeper-fleet: 1
 * server: 0b7e2c9a-4f1d-4c55-9a51-3f0d2e8c7a11
 * endpoint: tcp://10.0.0.1:33889
 * version: 0.1.0
 * group: web
 * group: eu-west
 * key: ops SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU
 * </pre>
 *
 * Anyone who may write the registry can write anything here, so reading is strict: a node that is too long,
 * not UTF-8, of another format or with a field out of form is skipped, never half-used.
 */
final class Registration {

    /** Larger than any real registration many times over; ZooKeeper's own limit is 1 MiB. */
    static final int MAX_BYTES = 8 * 1024;
    private static final String FORMAT = "keeper-fleet: 1";
    private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9_.:\\[\\]%@-]{1,255}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64} SHA256:[A-Za-z0-9+/]{43}");
    private static final int MAX_KEYS = 256;

    private Registration() {
    }

    static byte[] encode(FleetMember member) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        text.append("server: ").append(member.serverId()).append('\n');
        text.append("endpoint: ").append(member.endpoint()).append('\n');
        text.append("version: ").append(member.version()).append('\n');
        for (String group : member.groups()) {
            text.append("group: ").append(group).append('\n');
        }
        for (String key : member.keys()) {
            text.append("key: ").append(key).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The member a node's data describes, or empty when it is not a well-formed registration. */
    static Optional<FleetMember> decode(byte[] data) {
        if (data == null || data.length > MAX_BYTES) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(FORMAT)) {
            return Optional.empty();
        }
        String server = null;
        String endpoint = null;
        String version = null;
        List<String> groups = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            if (colon <= 0) {
                return Optional.empty();
            }
            String value = lines[i].substring(colon + 2);
            switch (lines[i].substring(0, colon)) {
                case "server" -> server = once(server, value, SERVER_ID);
                case "endpoint" -> endpoint = once(endpoint, value, ENDPOINT);
                case "version" -> version = once(version, value, VERSION);
                case "group" -> groups.add(GroupReference.NAME.matcher(value).matches() ? value : null);
                case "key" -> keys.add(KEY.matcher(value).matches() && keys.size() < MAX_KEYS ? value : null);
                default -> {
                    // a field of a later format version: this reader ignores it
                }
            }
        }
        if (server == null || endpoint == null || version == null || groups.contains(null) || keys.contains(null)
                || server.isEmpty() || endpoint.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FleetMember(server, endpoint, groups, version, keys));
    }

    /** The value when it has the form and was not given before; else "" which marks the whole node bad. */
    private static String once(String earlier, String value, Pattern form) {
        return earlier == null && form.matcher(value).matches() ? value : "";
    }
}
