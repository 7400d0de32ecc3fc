package keeper.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;

/** The metrics as a scrape answers them, gathered when asked: what this bundle's servlet serves. */
interface Exposition {

    /** Prometheus text format 0.0.4, which every Prometheus and promtool read (not OpenMetrics). */
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    void write(OutputStream out) throws IOException;
}
