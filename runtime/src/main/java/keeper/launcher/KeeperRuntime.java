package keeper.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

import keeper.api.KeeperProperties;
import keeper.features.FeatureCatalog;

/**
 * One Felix framework running Keeper's features, from boot to stop. Public so that integration
 * tests boot the runtime in their own JVM exactly as {@code keeper-server} does.
 */
public final class KeeperRuntime {

    private static final long STOP_TIMEOUT_MS = 10_000;
    private static final Logger LOG = System.getLogger(KeeperRuntime.class.getName());
    /** The reports a reload logs: {@code Supplier<List<String>>} services (JDK types: keeper.api's classes differ here). */
    private static final String RELOAD_FILTER = "(&(objectClass=" + Supplier.class.getName() + ")(keeper.launcher=reload))";

    private final Framework framework;
    private final CompletableFuture<String> fatal;
    /** Completed when a signal or a fatal error asks the server to stop, even before it was ready. */
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    /** Why the server stops, when the launcher stops it (a signal, a fatal error); the first reason wins. */
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final LaunchOptions options;
    private final BootSteps steps;

    private KeeperRuntime(Framework framework, CompletableFuture<String> fatal, LaunchOptions options, BootSteps steps) {
        this.framework = framework;
        this.fatal = fatal;
        this.options = options;
        this.steps = steps;
    }

    /**
     * Starts a framework with the bundles of {@code features} from {@code dist/system}, configured
     * with {@code config}, keeping its state in {@code stateDir} and watching {@code deploy} (plus the
     * features a start adds: {@link BootFeatures}).
     */
    public static KeeperRuntime boot(Path dist, Path config, Path stateDir, Path deploy, List<String> features)
            throws IOException, BundleException {
        return boot(new LaunchOptions(config, stateDir, dist, deploy, true, false, LaunchOptions.Action.RUN),
                Launcher.version(), features);
    }

    static KeeperRuntime boot(LaunchOptions options, String version, List<String> asked) throws IOException, BundleException {
        BootSteps steps = new BootSteps();
        Path system = options.dist().resolve("system");
        BootFacts facts = BootFacts.decide(options.config());
        List<String> features = BootFeatures.of(asked, facts.encrypt(), options);
        List<String> bundles = FeatureCatalog.read(options.dist().resolve("etc").resolve("keeper.features")).bundlesOf(features);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IOException("no OSGi framework on the class path (lib/ is incomplete)"));
        Files.createDirectories(options.deploy());
        Map<String, String> properties = frameworkProperties(options, version, serverId(options.stateDir()));
        facts.publish(properties);
        // Numbers as text: a {n,number} pattern would load DecimalFormat and the locale data for one line.
        LOG.log(Level.INFO, "keeper-server {0} starting: pid {1}, boot id {2}, config {3}, state {4}, features {5}",
                version, String.valueOf(ProcessHandle.current().pid()), facts.bootId(), options.config(),
                options.stateDir(), String.join(" ", features));
        steps.done("boot facts");
        Framework framework = factory.newFramework(properties);
        framework.init();
        steps.done("framework init");
        CompletableFuture<String> fatal = new CompletableFuture<>();
        registerFatalSink(framework.getBundleContext(), fatal);
        List<Bundle> installed = new ArrayList<>();
        for (String bundle : bundles) {
            if (!Files.isRegularFile(system.resolve(bundle + ".jar"))) {
                throw new IOException("bundle '" + bundle + "' of feature(s) " + features + " is missing from " + system);
            }
            installed.add(framework.getBundleContext().installBundle(FeatureCatalog.location(system, bundle)));
        }
        steps.done(installed.size() + " bundles installed");
        framework.start();
        // One resolver pass for all of them: starting them one by one would resolve 13 times over.
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        steps.done("resolved and started");
        return new KeeperRuntime(framework, fatal, options, steps);
    }

    /**
     * Prints the ready line once a listener is up (or the reason the server cannot start), then waits
     * for the framework to stop: by a signal, by the {@code kill} command, or by a fatal error.
     */
    int awaitReadyThenStop(Duration readyTimeout, PrintStream out, PrintStream err) {
        fatal.thenAccept(reason -> {
            err.println("keeper-server: cannot start: " + reason);
            System.getLogger(ServerLog.FILE_ONLY).log(Level.ERROR, "keeper-server cannot start: {0}", reason);
            stopAsync("fatal error (cannot start)");
        });
        try {
            List<String> addresses = ListenerWatch.awaitAddresses(framework.getBundleContext(),
                    CompletableFuture.anyOf(fatal, stopping), readyTimeout);
            if (!fatal.isDone() && !stopping.isDone()) {
                steps.done("until listening");
                long startMillis = Launcher.sinceJvmStart();
                out.println("keeper-server ready: " + String.join(", ", addresses) + " (config " + options.config()
                        + ", state " + options.stateDir() + ", pid " + ProcessHandle.current().pid() + ") in "
                        + startMillis + " ms");
                out.flush();
                LOG.log(Level.INFO, "keeper-server ready: listening on {0} ({1} ms after the JVM started: {2})",
                        String.join(", ", addresses), String.valueOf(startMillis), steps.summary());
            }
        } catch (TimeoutException e) {
            fatal.complete("no listener came up within " + readyTimeout.toSeconds() + " s; see the messages above");
        }
        try {
            framework.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String reason = stopReason.get();
        LOG.log(Level.INFO, "keeper-server stopped: {0}", reason != null ? reason
                : "the framework was stopped from inside (the kill command, or stop 0 in the shell)");
        return fatal.isDone() ? Launcher.EXIT_FAILED : Launcher.EXIT_OK;
    }

    /**
     * Reads the configuration again, as every command does, and logs what the next command will see:
     * children and problems. Asked for by SIGHUP ({@code trigger}); the server keeps running whatever it finds.
     */
    void reload(String trigger) {
        try {
            ServiceReference<?>[] reports = framework.getBundleContext().getAllServiceReferences(null, RELOAD_FILTER);
            if (reports == null) {
                LOG.log(Level.WARNING, "reload ({0}): no configuration reader runs (keeper.command is not active);"
                        + " nothing read", trigger);
                return;
            }
            for (ServiceReference<?> reference : reports) {
                logReport(trigger, reference);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "reload ({0}): the server is stopping; nothing read", trigger);
        }
    }

    private void logReport(String trigger, ServiceReference<?> reference) {
        BundleContext context = framework.getBundleContext();
        Object service = context.getService(reference);
        try {
            if (service instanceof Supplier<?> report && report.get() instanceof List<?> lines && !lines.isEmpty()) {
                LOG.log(lines.size() == 1 ? Level.INFO : Level.WARNING, "reload ({0}): {1}", trigger, lines.get(0));
                lines.stream().skip(1).forEach(line -> LOG.log(Level.WARNING, "reload ({0}): {1}", trigger, line));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reload (" + trigger + ") failed", e);
        } finally {
            if (service != null) {
                context.ungetService(reference);
            }
        }
    }

    public Framework framework() {
        return framework;
    }

    /** Why the server cannot run, once a bundle has said so. */
    public CompletableFuture<String> fatal() {
        return fatal;
    }

    /** Stops the framework and waits for it, for at most the stop timeout. */
    public void stop() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(STOP_TIMEOUT_MS);
    }

    /** Stops the server in the background, logging {@code reason} (the signal, the fatal error). */
    void stopAsync(String reason) {
        if (!stopReason.compareAndSet(null, reason)) {
            return;
        }
        LOG.log(Level.INFO, "keeper-server stopping: {0}", reason);
        stopping.complete(null);
        Thread stopper = new Thread(() -> {
            try {
                stop();
            } catch (BundleException e) {
                System.err.println("keeper-server: error while stopping: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "keeper-stop");
        stopper.start();
    }

    private static void registerFatalSink(BundleContext context, CompletableFuture<String> fatal) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("keeper.launcher", "fatal");
        Consumer<String> sink = fatal::complete;
        context.registerService(Consumer.class, sink, properties);
    }

    private static String serverId(Path stateDir) throws IOException {
        try {
            return ServerIdFile.of(stateDir);
        } catch (IOException e) {
            throw new IOException("cannot keep the server id in " + stateDir.resolve(ServerIdFile.FILE) + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> frameworkProperties(LaunchOptions options, String version, String serverId) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, options.stateDir().resolve("felix-cache").toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put("felix.log.level", "1");
        p.put("felix.fileinstall.dir", options.deploy().toString());
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.tmpdir", options.stateDir().resolve("fileinstall").toString());
        // Event Admin's smallest pools (2 threads each, started on demand) instead of 20: Keeper posts from one thread
        p.put("org.apache.felix.eventadmin.ThreadPoolSize", "2");
        p.put(KeeperProperties.CONFIG, options.config().toString());
        p.put(KeeperProperties.STATE_DIR, options.stateDir().toString());
        p.put(KeeperProperties.DIST, options.dist().toString());
        p.put(KeeperProperties.VERSION, version);
        p.put(KeeperProperties.SERVER_ID, serverId);
        // Felix HTTP (the http feature) would otherwise bind 8080 on every interface the moment it starts;
        // this way it binds nothing until keeper.http hands it server.yml's http section
        p.put("org.apache.felix.http.require.config", "true");
        return p;
    }
}
