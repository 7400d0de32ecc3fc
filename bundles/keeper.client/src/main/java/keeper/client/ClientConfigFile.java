package keeper.client;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import keeper.api.spi.transport.Endpoint;

/**
 * Reads the client config file, a small YAML subset read line by line (no YAML library, so the CLI starts
 * as fast without one):
 * <pre>
 * hosts:                  # or: hosts: [web1, web2]   or: hosts: "web1, web2"
 *   - web1:34000
 *   - ssh://ops@db
 * key: ~/.keeper/ops.pem
 * timeout: 30             # seconds
 * zookeeper: zk1:2181,zk2:2181   # the ensemble of group:NAME
 * </pre>
 * Comments start with {@code #}; values may be quoted with {@code '} or {@code "} (no escapes). Anything
 * else is refused with the file, line and field.
 */
final class ClientConfigFile {

    static final List<String> FIELDS = List.of("hosts", "key", "timeout", "zookeeper");

    private final Path file;
    private final Path home;
    private final List<Endpoint> hosts = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private Path key;
    private Duration timeout;
    private String zookeeper;
    /** The field whose list items may follow, or {@code null}. */
    private String openList;

    private ClientConfigFile(Path file, Path home) {
        this.file = file;
        this.home = home;
    }

    static ClientDefaults read(Path file, Path home) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (MalformedInputException e) {
            throw new UsageException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        ClientConfigFile config = new ClientConfigFile(file, home);
        for (int i = 0; i < lines.size(); i++) {
            config.line(i + 1, lines.get(i));
        }
        return new ClientDefaults(config.hosts, config.key, config.timeout, config.zookeeper);
    }

    private void line(int number, String line) throws UsageException {
        String text = withoutComment(line);
        if (text.isBlank()) {
            return;
        }
        if (text.substring(0, text.length() - text.stripLeading().length()).indexOf('\t') >= 0) {
            throw problem(number, null, "tabs are not allowed for indentation");
        }
        if (Character.isWhitespace(text.charAt(0))) {
            item(number, text.strip());
            return;
        }
        openList = null;
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw problem(number, null, "expected 'field: value', one of " + String.join(", ", FIELDS));
        }
        String field = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).strip();
        if (!FIELDS.contains(field)) {
            throw problem(number, field, "unknown field; the fields are " + String.join(", ", FIELDS));
        }
        if (!seen.add(field)) {
            throw problem(number, field, "given twice");
        }
        set(number, field, value);
    }

    private void set(int number, String field, String value) throws UsageException {
        switch (field) {
            case "hosts" -> {
                if (value.isEmpty()) {
                    openList = field;
                } else if (value.startsWith("[") && value.endsWith("]")) {
                    for (String entry : value.substring(1, value.length() - 1).split(",", -1)) {
                        addHosts(number, field, unquoted(number, field, entry.strip()));
                    }
                } else {
                    addHosts(number, field, unquoted(number, field, value));
                }
            }
            case "key" -> {
                String written = unquoted(number, field, value);
                key = parsed(number, field, () -> ClientGrammar.keyFile(written, home));
            }
            case "zookeeper" -> zookeeper = ensemble(number, field, unquoted(number, field, value));
            default -> timeout = seconds(number, field, unquoted(number, field, value));
        }
    }

    private void item(int number, String text) throws UsageException {
        if (openList == null || !text.startsWith("-")) {
            throw problem(number, openList, openList == null ? "unexpected indented line" : "expected '- HOST'");
        }
        addHosts(number, openList, unquoted(number, openList, text.substring(1).strip()));
    }

    private void addHosts(int number, String field, String written) throws UsageException {
        if (written.isEmpty()) {
            throw problem(number, field, "empty host");
        }
        hosts.addAll(parsed(number, field, () -> ClientGrammar.hosts(written)));
    }

    private String ensemble(int number, String field, String written) throws UsageException {
        if (!GroupReference.isConnectString(written)) {
            throw problem(number, field, "must be a ZooKeeper connect string such as zk1:2181,zk2:2181, got '" + written + "'");
        }
        return written;
    }

    private Duration seconds(int number, String field, String written) throws UsageException {
        if (!written.matches("[0-9]{1,6}") || Integer.parseInt(written) == 0) {
            throw problem(number, field, "must be a whole number of seconds from 1 to 999999, got '" + written + "'");
        }
        return Duration.ofSeconds(Integer.parseInt(written));
    }

    private String unquoted(int number, String field, String value) throws UsageException {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        if (value.startsWith("\"") || value.startsWith("'")) {
            throw problem(number, field, "unterminated quote");
        }
        return value;
    }

    /** The line without a comment: {@code #} at the start of a line or after a space, outside quotes. */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    private <T> T parsed(int number, String field, Parsing<T> parse) throws UsageException {
        try {
            return parse.parse();
        } catch (UsageException e) {
            throw problem(number, field, e.getMessage());
        }
    }

    private UsageException problem(int line, String field, String message) {
        return new UsageException(file + ":" + line + (field != null ? ": field '" + field + "'" : "") + ": " + message);
    }
}
