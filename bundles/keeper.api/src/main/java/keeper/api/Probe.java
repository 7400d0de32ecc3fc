package keeper.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One check of whether a child works, as written under {@code ready:} or {@code health:}.
 *
 * @param kind    how it checks
 * @param target  {@link Kind#TCP}: {@code host:port}; {@link Kind#HTTP}: the URL; {@link Kind#EXEC}: the command as
 *                written; {@link Kind#LOG}: the regular expression
 * @param argv    {@link Kind#EXEC}: the command split like a child's {@code command}; otherwise empty
 * @param timeout {@code ready}: how long the child has to become ready; {@code health}: how long one check may take
 */
public record Probe(Kind kind, String target, List<String> argv, Duration timeout) {

    public enum Kind {
        /** A TCP connection to {@code host:port} is accepted. */
        TCP,
        /** A GET of the URL answers 2xx. */
        HTTP,
        /** The command exits 0 within the timeout (killed by pid when it does not). */
        EXEC,
        /** A line of the child's standard output, written since this start, matches the regular expression. */
        LOG
    }

    public Probe {
        argv = List.copyOf(argv);
    }

    /** How the probe reads in logs and facts: {@code tcp 127.0.0.1:5432}. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + target;
    }
}
