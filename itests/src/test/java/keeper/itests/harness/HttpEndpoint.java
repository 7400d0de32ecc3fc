package keeper.itests.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.awaitility.Awaitility;
import org.osgi.framework.ServiceReference;

/** The HTTP server of a runtime with the http feature: where it listens, and plain requests to it. */
public final class HttpEndpoint {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(WITHIN).build();

    private HttpEndpoint() {
    }

    /** The {@code keeper.listen} addresses of HTTP listeners, as the launcher and {@code info} see them. */
    public static List<String> addresses(EmbeddedRuntime runtime) throws Exception {
        ServiceReference<?>[] references = runtime.context()
                .getAllServiceReferences("keeper.api.spi.transport.Listener", "(keeper.listen=http://*)");
        return references == null ? List.of()
                : Arrays.stream(references).map(reference -> (String) reference.getProperty("keeper.listen")).toList();
    }

    /** The address HTTP listens on, e.g. {@code http://127.0.0.1:40123}, once it does. */
    public static String await(EmbeddedRuntime runtime) {
        return Awaitility.await("HTTP listener").atMost(WITHIN)
                .until(() -> addresses(runtime), addresses -> !addresses.isEmpty()).get(0);
    }

    public static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(WITHIN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
