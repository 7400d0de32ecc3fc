package keeper.client.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import keeper.client.UsageException;

/**
 * The CLI's own options, taken out of the argument list wherever they stand; what is left are the
 * words of the client grammar, the command's options (e.g. {@code --json}) among them.
 *
 * @param help    {@code --help} or {@code -h} was given
 * @param version {@code --version} was given
 * @param timeout {@code --timeout SECONDS}, how long each host has to answer, if given
 * @param words   the remaining words, e.g. {@code restart web on hostA}
 */
record CliArguments(boolean help, boolean version, Optional<Duration> timeout, List<String> words) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TIMEOUT = "--timeout";

    static CliArguments parse(List<String> args) throws UsageException {
        boolean help = false;
        boolean version = false;
        Duration timeout = null;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--version")) {
                version = true;
            } else if (arg.equals(TIMEOUT)) {
                timeout = timeout(i + 1 < args.size() ? args.get(++i) : null);
            } else if (arg.startsWith(TIMEOUT + "=")) {
                timeout = timeout(arg.substring(TIMEOUT.length() + 1));
            } else {
                words.add(arg);
            }
        }
        return new CliArguments(help, version, Optional.ofNullable(timeout), words);
    }

    private static Duration timeout(String seconds) throws UsageException {
        if (seconds == null) {
            throw new UsageException("'--timeout' needs a number of seconds, e.g. --timeout 30");
        }
        if (!seconds.matches("[0-9]{1,6}") || Integer.parseInt(seconds) == 0) {
            throw new UsageException("bad --timeout '" + seconds + "': it must be a whole number of seconds from 1 to 999999");
        }
        return Duration.ofSeconds(Integer.parseInt(seconds));
    }
}
