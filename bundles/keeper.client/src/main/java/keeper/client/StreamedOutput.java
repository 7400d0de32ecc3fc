package keeper.client;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import keeper.api.spi.transport.Endpoint;
import keeper.protocol.Printable;

/**
 * Prints streamed replies (a followed log) as they arrive, escaped like every reply, since a child's output is
 * not to be trusted with a terminal. With one host the text goes out as it comes; with several, each line is
 * prefixed {@code HOST | } and held until it is complete, so the hosts' lines never mix within a line.
 */
public final class StreamedOutput implements RemoteClient.Streamed {

    /** A line longer than this is printed in pieces rather than held. */
    private static final int LONGEST_HELD = 64 * 1024;

    private final PrintStream out;
    private final boolean labelled;
    private final Map<Endpoint, StringBuilder> unfinished = new HashMap<>();

    /** @param labelled whether lines are prefixed with their host (when there are several) */
    public StreamedOutput(PrintStream out, boolean labelled) {
        this.out = out;
        this.labelled = labelled;
    }

    @Override
    public synchronized void text(Endpoint host, String text) {
        if (!labelled) {
            out.print(Printable.text(text));
            out.flush();
            return;
        }
        StringBuilder pending = unfinished.computeIfAbsent(host, key -> new StringBuilder()).append(text);
        for (int newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
            printLine(host, pending.substring(0, newline));
            pending.delete(0, newline + 1);
        }
        if (pending.length() > LONGEST_HELD) {
            printLine(host, pending.toString());
            pending.setLength(0);
        }
        out.flush();
    }

    /** Prints what is left of lines the hosts did not finish. */
    public synchronized void finish() {
        unfinished.forEach((host, pending) -> {
            if (pending.length() > 0) {
                printLine(host, pending.toString());
            }
        });
        unfinished.clear();
        out.flush();
    }

    private void printLine(Endpoint host, String line) {
        out.print(Printable.line(host.text(), Integer.MAX_VALUE) + " | " + Printable.text(line) + "\n");
    }
}
