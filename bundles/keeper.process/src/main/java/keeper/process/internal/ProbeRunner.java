package keeper.process.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import keeper.api.Probe;

/**
 * Runs one attempt of a probe, without a thread of its own: TCP connects and log reads run on the small probe pool
 * (each bounded by the probe's timeout), HTTP requests go through one shared non-blocking client, and an exec probe's
 * process is waited for through its exit future and killed by pid when its time is up. The answer never carries bytes
 * the probed program sent (only a status code or an exit code), so nothing from it reaches a log raw.
 */
final class ProbeRunner {

    private final SupervisorThreads threads;
    private volatile HttpClient http;

    ProbeRunner(SupervisorThreads threads) {
        this.threads = threads;
    }

    /**
     * @param timeout   how long this attempt may take
     * @param directory where an exec probe runs (the child's working directory)
     * @param log       the child's standard output since its start, for a log probe
     */
    CompletableFuture<ProbeResult> check(Probe probe, Duration timeout, Path directory, LogCursor log) {
        CompletableFuture<ProbeResult> result = switch (probe.kind()) {
            case TCP -> CompletableFuture.supplyAsync(() -> tcp(probe.target(), timeout), threads.probes());
            case HTTP -> http(probe.target(), timeout);
            case EXEC -> exec(probe, timeout, directory);
            case LOG -> CompletableFuture.supplyAsync(() -> log.find(Pattern.compile(probe.target())), threads.probes());
        };
        return result.exceptionally(error -> ProbeResult.failed(probe + ": " + reason(unwrap(error))))
                .thenApply(found -> new ProbeResult(found.passed(), probe + ": " + found.detail()));
    }

    private static ProbeResult tcp(String target, Duration timeout) {
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(target.substring(colon + 1).trim());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return ProbeResult.passed("connected");
        } catch (IOException e) {
            return ProbeResult.failed(reason(e));
        }
    }

    private CompletableFuture<ProbeResult> http(String target, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(timeout).GET().build();
        return client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() / 100 == 2
                        ? ProbeResult.passed("answered " + response.statusCode())
                        : ProbeResult.failed("answered " + response.statusCode()));
    }

    private CompletableFuture<ProbeResult> exec(Probe probe, Duration timeout, Path directory) {
        Process process;
        try {
            process = new ProcessBuilder(probe.argv()).directory(directory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed("cannot run: " + reason(e)));
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> kill = threads.schedule(timeout, "timeout of probe " + probe, () -> {
            late.set(true);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        return process.onExit().thenApply(ended -> {
            kill.cancel(false);
            int code = ended.exitValue();
            if (late.get()) {
                return ProbeResult.failed("no exit within " + Durations.format(timeout) + " (killed)");
            }
            return code == 0 ? ProbeResult.passed("exit code 0") : ProbeResult.failed("exit code " + code);
        });
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().executor(threads.probes()).followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                }
                client = http;
            }
        }
        return client;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Words for a local failure; exception messages here come from the JDK, never from the probed program. */
    private static String reason(Throwable error) {
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (error instanceof HttpConnectTimeoutException || error instanceof SocketTimeoutException) {
            return "no connection within the timeout";
        }
        if (error instanceof HttpTimeoutException) {
            return "no answer within the timeout";
        }
        if (error instanceof UnknownHostException) {
            return "unknown host";
        }
        return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    }
}
