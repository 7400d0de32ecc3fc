package keeper.process.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the {@link Spawner} from the {@value #PROPERTY} setting and what is installed. */
final class Spawners {

    /** Framework (or system) property: {@code helper} or {@code jdk}; unset means helper when perl is there. */
    static final String PROPERTY = "keeper.spawner";

    private static final Logger LOG = System.getLogger(Spawners.class.getName());
    private static final Path USUAL_PERL = Path.of("/usr/bin/perl");

    private Spawners() {
    }

    /**
     * @param setting      the {@value #PROPERTY} value, or {@code null}
     * @param runDirectory where the helper's script goes
     * @param adoptedExits watches the children of a helper that died
     */
    static Spawner choose(String setting, Path runDirectory, AdoptedExits adoptedExits) {
        String wanted = setting == null ? "" : setting.trim();
        if (wanted.equals("jdk")) {
            return new JdkSpawner();
        }
        if (!wanted.isEmpty() && !wanted.equals("helper")) {
            LOG.log(Level.WARNING, "{0}={1} is unknown (use helper or jdk); using the default", PROPERTY, wanted);
        }
        Optional<Path> perl = perl();
        if (perl.isEmpty()) {
            LOG.log(wanted.equals("helper") ? Level.WARNING : Level.INFO, "no perl at {0} nor in PATH: children are"
                    + " spawned by the JDK, which keeps one thread per running child", USUAL_PERL);
            return new JdkSpawner();
        }
        return new HelperSpawner(perl.get(), runDirectory, adoptedExits);
    }

    private static Optional<Path> perl() {
        return Optional.of(USUAL_PERL).filter(Files::isExecutable)
                .or(() -> Executables.find("perl", Path.of("/"), System.getenv("PATH")));
    }
}
