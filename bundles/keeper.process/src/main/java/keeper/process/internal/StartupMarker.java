package keeper.process.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether this server start has had its startup run. The launcher names every start with a boot id;
 * {@code <state>/run/startup-boot} keeps the id of the start whose startup run went ahead, so a
 * keeper.process that is updated or re-installed while the server runs does not run the startup list
 * again (it would restart children an operator stopped). Without a boot id (outside the launcher)
 * every activation is a start.
 */
final class StartupMarker {

    private static final Logger LOG = System.getLogger(StartupMarker.class.getName());

    private final Path file;
    private final String bootId;

    StartupMarker(Path file, String bootId) {
        this.file = file;
        this.bootId = bootId;
    }

    /** True, and remembered, the first time in this boot; false once this boot has had its startup run. */
    boolean claim() {
        if (bootId == null) {
            return true;
        }
        if (bootId.equals(recorded())) {
            LOG.log(Level.INFO, "startup run skipped: this server start (boot {0}) had it already", bootId);
            return false;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, bootId + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot record the startup run in {0}: {1}; an update of keeper.process"
                    + " would run it again", file, IoReasons.of(e));
        }
        return true;
    }

    private String recorded() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read {0}: {1}; running the startup list", file, IoReasons.of(e));
            return null;
        }
    }
}
