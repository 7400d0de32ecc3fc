package keeper.client;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import keeper.api.spi.transport.Endpoint;

/**
 * The seed's client grammar, word for word: {@code <command> [child|all] [on HOST]... [with /path/to/key.pem]},
 * plus the command's option words ({@code --json}) anywhere after the command.
 * {@code on} may repeat and its HOST may be a comma list ({@code "h1, h2"}, one word) or a fleet group
 * ({@code group:web}, {@code zk://zk1:2181,zk2:2181/web}, resolved later by {@link GroupResolver}); no
 * {@code on} means localhost. Only one {@code with}. The command, child and options are passed through: the server validates them.
 */
public final class ClientGrammar {

    private static final String ON = "on";
    private static final String WITH = "with";
    private static final String LINES = "--lines";
    private static final String LINES_SHORT = "-n";
    private static final String FOLLOW = "--follow";
    private static final String FOLLOW_SHORT = "-f";
    private static final String KEY_EXAMPLE = "with ~/.keeper/ops.pem";

    private final Path home;

    /** @param home what a leading {@code ~} in the key path stands for */
    public ClientGrammar(Path home) {
        this.home = home;
    }

    /** A grammar that expands {@code ~} to the {@code user.home} of this JVM. */
    public static ClientGrammar forCurrentUser() {
        return new ClientGrammar(Path.of(System.getProperty("user.home")));
    }

    public ClientRequest parse(List<String> words) throws UsageException {
        return parse(words, ClientDefaults.NONE);
    }

    /** Parses {@code words}; without {@code on} the request goes to the default hosts, without {@code with} it is signed with the default key. */
    public ClientRequest parse(List<String> words, ClientDefaults defaults) throws UsageException {
        if (words.isEmpty()) {
            throw new UsageException("no command given; try keeper --help");
        }
        List<String> options = new ArrayList<>();
        int first = 0;
        while (first < words.size() && isOption(words.get(first))) {
            options.add(oneWord("option", words.get(first++)));
        }
        if (first == words.size()) {
            throw new UsageException("no command given after '" + String.join(" ", options) + "'; try keeper --help");
        }
        String command = words.get(first);
        if (isKeyword(command)) {
            throw new UsageException("'" + command + "' needs a command before it, e.g. keeper check " + command + " ...");
        }
        StringBuilder line = new StringBuilder(oneWord("command", command));
        List<Endpoint> hosts = new ArrayList<>();
        Path key = null;
        boolean childAllowed = true;
        String previous = command;
        for (int i = first + 1; i < words.size(); i++) {
            String word = words.get(i);
            if (isKeyword(word)) {
                String argument = argumentAfter(words, i++);
                if (word.equals(ON)) {
                    hosts.addAll(hostList(argument));
                } else {
                    key = key(key, argument);
                }
                childAllowed = false;
                previous = word + " " + argument;
            } else if (isOption(word) && takesValue(word)) {
                String argument = argumentAfter(words, i++);
                options.add(valued(word, argument));
                previous = word + " " + argument;
            } else if (isOption(word)) {
                options.add(oneWord("option", word.equals(FOLLOW_SHORT) ? FOLLOW : word));
                previous = word;
            } else if (childAllowed) {
                line.append(' ').append(oneWord("child name", word));
                childAllowed = false;
                previous = line.toString();
            } else {
                throw new UsageException("unexpected word '" + word + "' after '" + previous + "'");
            }
        }
        for (String option : options) {
            line.append(' ').append(option);
        }
        if (hosts.isEmpty()) {
            hosts = defaults.hosts().isEmpty() ? List.of(EndpointParser.LOCALHOST) : defaults.hosts();
        }
        return new ClientRequest(line.toString(), hosts, key != null ? key : defaults.key());
    }

    /** The word after the keyword at {@code i}, or {@code null} when a keyword, an option or nothing follows. */
    private static String argumentAfter(List<String> words, int i) {
        String next = i + 1 < words.size() ? words.get(i + 1) : null;
        return next == null || isKeyword(next) || isOption(next) ? null : next;
    }

    private static List<Endpoint> hostList(String argument) throws UsageException {
        if (argument == null) {
            throw new UsageException("'on' needs a host, e.g. on 10.0.0.1, on \"10.0.0.1, 10.0.0.2\", on ssh://ops@db"
                    + " or on group:web");
        }
        return hosts(argument);
    }

    /** One host or a comma list of hosts, as {@code on} takes them; a group stands for its members. */
    static List<Endpoint> hosts(String argument) throws UsageException {
        if (argument.indexOf(',') < 0 || GroupReference.isZooKeeper(argument)) {
            return List.of(host(argument));
        }
        List<Endpoint> hosts = new ArrayList<>();
        String[] entries = argument.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isBlank()) {
                throw new UsageException("bad host list '" + argument + "': entry " + (i + 1) + " is empty");
            }
            hosts.add(host(entries[i]));
        }
        return hosts;
    }

    /** A host, or a fleet group standing for its members ({@code group:web}, {@code zk://zk1:2181/web}). */
    private static Endpoint host(String written) throws UsageException {
        return GroupReference.isGroup(written) ? GroupReference.parse(written) : EndpointParser.parse(written);
    }

    private Path key(Path earlier, String argument) throws UsageException {
        if (argument == null) {
            throw new UsageException("'with' needs a key file, e.g. " + KEY_EXAMPLE);
        }
        if (earlier != null) {
            throw new UsageException("only one 'with' is allowed, got '" + earlier + "' and '" + argument + "'");
        }
        return keyFile(argument, home);
    }

    /** A key file as {@code with} takes it: a {@code .pem} path, a leading {@code ~/} being {@code home}. */
    static Path keyFile(String argument, Path home) throws UsageException {
        if (!argument.toLowerCase(Locale.ROOT).endsWith(".pem")) {
            throw new UsageException("key file '" + argument + "' must be a .pem file, e.g. " + KEY_EXAMPLE);
        }
        try {
            return argument.startsWith("~/") ? home.resolve(argument.substring(2)) : Path.of(argument);
        } catch (InvalidPathException e) {
            throw new UsageException("key file '" + argument + "' is not a valid path: " + e.getReason());
        }
    }

    private static String oneWord(String what, String word) throws UsageException {
        boolean blank = word.isEmpty();
        for (int i = 0; i < word.length(); i++) {
            blank |= Character.isWhitespace(word.charAt(i)) || Character.isISOControl(word.charAt(i));
        }
        if (blank) {
            throw new UsageException(what + " '" + word + "' must be one word");
        }
        return word;
    }

    /** {@code -n 50} or {@code --lines 50} of {@code logs}: the server's {@code --lines=50}. */
    private static boolean takesValue(String word) {
        return word.equals(LINES_SHORT) || word.equals(LINES);
    }

    private static String valued(String word, String argument) throws UsageException {
        if (argument == null) {
            throw new UsageException("'" + word + "' needs a number of lines, e.g. keeper logs web " + word + " 50");
        }
        return LINES + "=" + oneWord("number of lines", argument);
    }

    /** An option for the command (e.g. {@code --json}): sent to the server, which refuses the ones the command lacks. */
    private static boolean isOption(String word) {
        return word.startsWith("-");
    }

    private static boolean isKeyword(String word) {
        return word.equals(ON) || word.equals(WITH);
    }
}
