package keeper.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's own log file, {@code <state>/logs/keeper-server.log}, written besides stderr: every record
 * the server logs at INFO and above, in the same format. When a record would take the file past its size
 * limit, the file becomes {@code keeper-server.log.1} (the older ones move up one, the oldest beyond the
 * number of backups is deleted) and a new one begins. The JDK's FileHandler was not used: it numbers even
 * the current file and leaves lock files behind.
 */
final class ServerLog extends Handler implements AutoCloseable {

    static final String FILE = "keeper-server.log";
    /** System property: the size at which the log rotates, in bytes. */
    static final String MAX_BYTES = "keeper.server.log.max.bytes";
    /** System property: how many rotated files are kept. */
    static final String BACKUPS = "keeper.server.log.backups";
    static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    static final int DEFAULT_BACKUPS = 5;
    /**
     * A logger whose records go to the file only: for what the launcher has already told the terminal in its
     * own words (e.g. why the server cannot start), which the file must have too.
     */
    static final String FILE_ONLY = "keeper.launcher.file";

    private final Path file;
    /** Held: the JDK keeps loggers only weakly, and would forget that this one's records stay out of stderr. */
    private final Logger fileOnly = Logger.getLogger(FILE_ONLY);
    private final long maxBytes;
    private final int backups;
    private OutputStream out;
    private long size;

    private ServerLog(Path file, long maxBytes, int backups) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.backups = backups;
        setFormatter(new LogLine());
        setLevel(Level.INFO);
        open();
    }

    /** Adds the log file of {@code stateDir} to the root logger; answers it so that it can be closed at the end. */
    static ServerLog install(Path stateDir) throws IOException {
        ServerLog log = new ServerLog(stateDir.resolve("logs").resolve(FILE),
                Math.max(1, Long.getLong(MAX_BYTES, DEFAULT_MAX_BYTES)),
                Math.max(0, Integer.getInteger(BACKUPS, DEFAULT_BACKUPS)));
        Logger.getLogger("").addHandler(log);
        log.fileOnly.setUseParentHandlers(false);
        log.fileOnly.addHandler(log);
        return log;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (out == null || !isLoggable(record)) {
            return;
        }
        try {
            byte[] bytes = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            reportError("cannot write " + file, e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("cannot flush " + file, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        Logger.getLogger("").removeHandler(this);
        fileOnly.removeHandler(this);
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            reportError("cannot close " + file, e, ErrorManager.CLOSE_FAILURE);
        }
        out = null;
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (backups == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(backup(backups));
            for (int i = backups - 1; i >= 1; i--) {
                if (Files.exists(backup(i))) {
                    Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, backup(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path backup(int number) {
        return file.resolveSibling(FILE + "." + number);
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        size = Files.size(file);
    }
}
