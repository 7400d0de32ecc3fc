package keeper.client.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import keeper.client.RemoteClient;
import keeper.client.UsageException;

/**
 * The CLI's own options, taken out of the argument list wherever they stand; what is left are the
 * words of the client grammar, the command's options (e.g. {@code --json}) among them.
 *
 * @param help     {@code --help} or {@code -h} was given
 * @param version  {@code --version} was given
 * @param timeout  {@code --timeout SECONDS}, how long each host has to answer, if given
 * @param parallel {@code --parallel N}, how many hosts are asked at the same time
 * @param words    the remaining words, e.g. {@code restart web on hostA}
 */
record CliArguments(boolean help, boolean version, Optional<Duration> timeout, int parallel, List<String> words) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TIMEOUT = "--timeout";
    private static final String PARALLEL = "--parallel";
    private static final int MAX_PARALLEL = 10_000;

    static CliArguments parse(List<String> args) throws UsageException {
        boolean help = false;
        boolean version = false;
        Duration timeout = null;
        int parallel = RemoteClient.MAX_PARALLEL;
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
            } else if (arg.equals(PARALLEL)) {
                parallel = parallel(i + 1 < args.size() ? args.get(++i) : null);
            } else if (arg.startsWith(PARALLEL + "=")) {
                parallel = parallel(arg.substring(PARALLEL.length() + 1));
            } else {
                words.add(arg);
            }
        }
        return new CliArguments(help, version, Optional.ofNullable(timeout), parallel, words);
    }

    private static int parallel(String count) throws UsageException {
        if (count == null) {
            throw new UsageException("'--parallel' needs a number of hosts, e.g. --parallel 200");
        }
        if (!count.matches("[0-9]{1,5}") || Integer.parseInt(count) == 0 || Integer.parseInt(count) > MAX_PARALLEL) {
            throw new UsageException("bad --parallel '" + count + "': it must be a whole number from 1 to " + MAX_PARALLEL);
        }
        return Integer.parseInt(count);
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
