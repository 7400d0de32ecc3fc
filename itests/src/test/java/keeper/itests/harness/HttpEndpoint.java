package keeper.itests.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.awaitility.Awaitility;
import org.osgi.framework.ServiceReference;

/**
 * The HTTP server of a runtime with the http feature: where it listens, plain requests to it, and
 * requests written by hand (any Host, Origin or header).
 */
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

    /** The port HTTP listens on, once it does. */
    public static int awaitPort(EmbeddedRuntime runtime) {
        return URI.create(await(runtime)).getPort();
    }

    /** The Config Admin configurations of Felix HTTP: what keeper.http writes when it may serve. */
    public static List<Object> jettyConfigurations(EmbeddedRuntime runtime) throws Exception {
        Object admin = runtime.service("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> api = admin.getClass().getClassLoader().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object[] found = (Object[]) api.getMethod("listConfigurations", String.class)
                .invoke(admin, "(service.pid=org.apache.felix.http)");
        return found == null ? List.of() : List.of(found);
    }

    /** The first bearer token of {@code <state>/http-tokens}, as an operator would copy it. */
    public static String token(Path stateDir) throws IOException {
        return Files.readAllLines(stateDir.resolve("http-tokens")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst().orElseThrow();
    }

    /** What came back from {@link #request}: the status, the head (status line and headers) and the body. */
    public record Response(int status, String head, String body) {
    }

    /**
     * One request on its own connection to 127.0.0.1:{@code port}, written by hand so that Host, Origin
     * and the rest can be anything (HttpClient refuses to set Host); {@code headers} are whole lines, each
     * ending in CRLF.
     */
    public static Response request(int port, String host, String method, String path, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WITHIN.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: 0\r\n"
                    + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new Response(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }
}
