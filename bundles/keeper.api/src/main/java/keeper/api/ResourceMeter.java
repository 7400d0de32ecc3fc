package keeper.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads what the children's process trees use now. Nothing is sampled in between: each call costs one
 * scan of {@code /proc}, so a caller asks only when it needs the figures (a metrics scrape, a status page).
 */
@ProviderType
public interface ResourceMeter {

    /** One reading per child that has a process (RUNNING or STOPPING), sorted by name. */
    List<TreeUsage> measure();
}
