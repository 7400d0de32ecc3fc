package keeper.launcher;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keeper.api.KeeperProperties;

/**
 * What holds for one server start, whatever bundles are updated or re-installed meanwhile: an id for
 * this boot and whether requests must be signed. Published as framework properties
 * ({@value KeeperProperties#BOOT_ID}, {@value KeeperProperties#ENCRYPT}), which no bundle can change,
 * so re-installing keeper.command does not re-read {@code encrypt} from an edited server.yml and
 * keeper.process can tell a boot from an update (it runs the startup list once per boot id).
 *
 * <p>{@code encrypt} is read here with a narrow reader, before any bundle runs: a top-level
 * {@code encrypt: <on|off|true|false|yes|no>} line, plain or quoted, as docs/config.md writes it.
 * Anything it cannot read plainly (another YAML form, a second {@code encrypt} key) fails safe to
 * {@code on} with a warning; keeper.config.yaml still validates the whole file and reports its errors.
 *
 * @param bootId  unique per server start
 * @param encrypt whether every request from an untrusted transport must be signed, for this whole run
 */
record BootFacts(String bootId, boolean encrypt) {

    private static final Logger LOG = System.getLogger(BootFacts.class.getName());
    private static final Pattern TOP_LEVEL_ENCRYPT = Pattern.compile("encrypt\\s*:(.*)");
    /** {@code encrypt} as a key in any YAML form: {@code encrypt:}, {@code "encrypt":}, {@code {encrypt: on}}, ... */
    private static final Pattern KEY = Pattern.compile("(?:^|[\\s{,?])[\"']?encrypt[\"']?\\s*:(?:\\s|$)");
    private static final Set<String> ON = Set.of("on", "true", "yes");
    private static final Set<String> OFF = Set.of("off", "false", "no");

    /** Decides the facts of a server start on {@code serverYml}. */
    static BootFacts decide(Path serverYml) throws IOException {
        return new BootFacts(newBootId(), encryptIn(serverYml, Files.readAllLines(serverYml)));
    }

    void publish(Map<String, String> frameworkProperties) {
        frameworkProperties.put(KeeperProperties.BOOT_ID, bootId);
        frameworkProperties.put(KeeperProperties.ENCRYPT, Boolean.toString(encrypt));
    }

    /** {@code encrypt} as server.yml's {@code lines} set it: off when absent, on when in doubt. */
    static boolean encryptIn(Path file, List<String> lines) {
        Boolean value = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!KEY.matcher(withoutComment(line)).find()) {
                continue;
            }
            Matcher key = TOP_LEVEL_ENCRYPT.matcher(line);
            Boolean here = key.matches() ? onOff(withoutComment(key.group(1))) : null;
            if (here == null || value != null) {
                LOG.log(Level.WARNING, "{0}:{1}: cannot read encrypt plainly from ''{2}''; encrypt is on for this"
                        + " run (write it as a top-level line: encrypt: on|off)", file, i + 1, line.strip());
                return true;
            }
            value = here;
        }
        return value != null && value;
    }

    private static Boolean onOff(String text) {
        String word = text.strip();
        if (word.length() >= 2 && (word.startsWith("\"") && word.endsWith("\"") || word.startsWith("'") && word.endsWith("'"))) {
            word = word.substring(1, word.length() - 1);
        }
        word = word.toLowerCase(Locale.ROOT);
        return ON.contains(word) ? Boolean.TRUE : OFF.contains(word) ? Boolean.FALSE : null;
    }

    /** A YAML comment starts with {@code #} at the start or after a space. */
    private static String withoutComment(String line) {
        int hash = line.startsWith("#") ? 0 : line.indexOf(" #");
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** This process, when it booted, and a random part: distinct for every start, also of several runtimes in one JVM. */
    private static String newBootId() {
        return ProcessHandle.current().pid() + "-" + Long.toHexString(System.currentTimeMillis()) + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }
}
