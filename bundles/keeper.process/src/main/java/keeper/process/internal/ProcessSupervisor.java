package keeper.process.internal;

import java.io.File;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import keeper.api.ChildSpec;
import keeper.api.ChildState;
import keeper.api.ChildStatus;
import keeper.api.ConfigException;
import keeper.api.ConfigSource;
import keeper.api.KeeperProperties;
import keeper.api.Outcome;
import keeper.api.Refusal;
import keeper.api.ResourceMeter;
import keeper.api.ServerConfig;
import keeper.api.ServerInfo;
import keeper.api.Supervisor;
import keeper.api.TreeUsage;

/**
 * The supervisor service: wires the engine together, re-adopts the children a previous server left
 * running, applies the startup mode, and answers the {@link Supervisor} operations. Deactivation
 * leaves every child running (they outlive the server, as the seed promises); the next activation
 * finds them again through the state file.
 */
@Component(service = { Supervisor.class, ResourceMeter.class, ChildTransitions.class }, immediate = true)
public final class ProcessSupervisor implements Supervisor, ResourceMeter, ChildTransitions {

    private static final Logger LOG = System.getLogger(ProcessSupervisor.class.getName());
    /** How long closing waits for the operations in flight (a stop may wait for a child's stop timeout). */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final ConfigSource config;
    private final String version;
    private final long pid = ProcessHandle.current().pid();
    private final Instant startedAt = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    private final SupervisorThreads threads = new SupervisorThreads();
    private final ChildEvents events = new ChildEvents();
    private final BatchedSaves saves = new BatchedSaves(this::persist, threads.workers());
    private final ProcessTable table = new ProcessTable(events);
    private final ChildSpecs specs;
    private final AdoptedExits adoptedExits = new AdoptedExits(threads);
    private final StateFile stateFile;
    private final Spawner spawner;
    private final ChildMarks marks;
    private final TreeMeter meter;
    private final ChildLifecycle lifecycle;
    private final ChildOperations operations;
    private final StartOrder startOrder;

    @Activate
    public ProcessSupervisor(@Reference ConfigSource config, BundleContext context,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
                    target = KeeperProperties.FATAL_SINK_FILTER) Consumer<String> fatalSink) {
        this(config, stateDir(context), versionOf(context),
                fatalSink != null ? fatalSink : ProcessSupervisor::logFatal, context.getProperty(Spawners.PROPERTY),
                context.getProperty(KeeperProperties.BOOT_ID), serverId(context));
    }

    /**
     * The supervisor outside a framework (tests).
     *
     * @param stateDir holds {@code run/children.tsv} and the default child logs in {@code logs/}
     * @param fatal    told why the server cannot run (e.g. an invalid child file in full mode)
     * @param spawner  the {@value Spawners#PROPERTY} setting, or {@code null}
     * @param serverId the id the children are marked with; a later supervisor recognises them by it
     */
    ProcessSupervisor(ConfigSource config, Path stateDir, String version, Consumer<String> fatal, String spawner,
            String serverId) {
        this(config, stateDir, version, fatal, spawner, null, serverId);
    }

    /**
     * @param bootId   this server start's {@value KeeperProperties#BOOT_ID}: the startup list runs once per id
     * @param serverId the launcher's {@value KeeperProperties#SERVER_ID} (kept in {@code <state>/server-id})
     */
    ProcessSupervisor(ConfigSource config, Path stateDir, String version, Consumer<String> fatal, String spawner,
            String bootId, String serverId) {
        this.config = config;
        this.version = version;
        this.specs = new ChildSpecs(config);
        this.stateFile = new StateFile(stateDir.resolve("run").resolve("children.tsv"),
                "pid " + pid + " started " + startedAt);
        this.spawner = Spawners.choose(spawner, stateDir.resolve("run"), adoptedExits);
        this.marks = new ChildMarks(serverId);
        this.meter = new TreeMeter(marks, this.spawner::adopters);
        // re-adoption reads the marks of every process alive at boot: the first stop reads none of them again
        ProcessTrees.MarkCache marksRead = new ProcessTrees.MarkCache();
        this.lifecycle = new ChildLifecycle(specs, new ChildLauncher(stateDir, this.spawner, marks),
                new TreeKiller(meter::scan, marksRead), new RepeatTimers(threads, this::repeatDue), threads,
                new TreeMemory(meter));
        events.subscribe(TransitionLog::log);
        events.subscribeHealth(TransitionLog::log);
        events.subscribe(this::persistOnChange);
        this.operations = new ChildOperations(specs, table, lifecycle, new HookChains(specs));
        this.startOrder = new StartOrder(specs, table);
        new Readoption(stateFile, marks, specs, table, lifecycle, adoptedExits, marksRead).run();
        persist();
        LogRotationTask rotation = new LogRotationTask(table::statuses, stateDir, threads);
        events.subscribe(rotation::changed);
        rotation.start();
        if (new StartupMarker(stateDir.resolve("run").resolve("startup-boot"), bootId).claim()) {
            threads.execute("startup", new StartupRun(config, this::startAll, this::startAtBoot, fatal));
        }
        // the first start after boot need not wait for perl
        threads.execute("spawner start", this.spawner::prepare);
    }



    /** Stops watching and saves the table; the children keep running. */
    @Deactivate
    void close() {
        operations.close(DRAIN);
        lifecycle.close();
        spawner.close();
        threads.shutdown();
        persist();
    }

    @Override
    public AutoCloseable subscribe(Consumer<Transition> listener) {
        return events.subscribe(listener);
    }

    @Override
    public AutoCloseable subscribeHealth(Consumer<HealthChange> listener) {
        return events.subscribeHealth(listener);
    }

    /**
     * Starts {@code name} after its dependencies (each started and ready first, see {@link StartOrder}) and answers
     * once it is ready; the dependencies' outcomes come first among the answer's hooks.
     */
    @Override
    public Outcome start(String name) {
        return recorded(saves.batch(() -> startWithDependencies(name)));
    }

    @Override
    public Outcome restart(String name) {
        return recorded(saves.batch(() -> operations.run(Command.RESTART, name)));
    }

    @Override
    public Outcome tryStart(String name) {
        return recorded(saves.batch(() -> operations.run(Command.TRYSTART, name)));
    }

    @Override
    public Outcome stop(String name) {
        return recorded(saves.batch(() -> operations.run(Command.STOP, name)));
    }

    @Override
    public Outcome startAll() {
        return recorded(saves.batch(this::startEveryChild));
    }

    private Outcome startEveryChild() {
        List<String> names;
        try {
            names = config.childNames();
        } catch (ConfigException e) {
            return Outcome.refused(Outcome.Action.START_ALL, null, Refusal.of(Refusal.Reason.INVALID_CONFIG, e.getMessage()));
        }
        long begunAt = operations.generation();
        StartOrder.Plan plan;
        try {
            plan = startOrder.plan(names);
        } catch (Refused e) {
            return Outcome.refused(Outcome.Action.START_ALL, null, e.refusal());
        }
        Map<String, CompletableFuture<Outcome>> started = startOrder.run(plan,
                name -> operations.startPart(name, plan.read().get(name), begunAt), threads.spawns());
        return Outcome.ofAll(Outcome.Action.START_ALL, names.stream().map(name -> started.get(name).join()).toList());
    }

    private Outcome startWithDependencies(String name) {
        if (!ChildNames.valid(name)) {
            return operations.run(Command.START, name);
        }
        StartOrder.Plan plan;
        try {
            plan = startOrder.plan(List.of(name));
        } catch (Refused e) {
            return Outcome.refused(Outcome.Action.START, name, e.refusal());
        }
        Map<String, CompletableFuture<Outcome>> started = startOrder.run(plan,
                child -> operations.run(Command.START, child), threads.spawns());
        Outcome outcome = started.get(name).join();
        List<Outcome> hooks = new ArrayList<>();
        plan.order().stream().filter(child -> !child.equals(name)).map(child -> started.get(child).join())
                .forEach(hooks::add);
        if (outcome.refusal() == null || outcome.refusal().reason() != Refusal.Reason.DEPENDENCY_FAILED) {
            hooks.addAll(outcome.hooks());
        }
        return outcome.withHooks(hooks);
    }

    @Override
    public Outcome stopAll() {
        return recorded(saves.batch(operations::stopAll));
    }

    /** Forgets the children stopped by command; EXITED and FATAL ones keep their facts (see {@link ProcessTable}). */
    @Override
    public List<ChildStatus> check(String name) {
        table.removeForgettable();
        return table.statuses().stream()
                .filter(ProcessSupervisor::alive)
                .filter(status -> name == null || name.isEmpty() || status.name().equals(name))
                .toList();
    }

    @Override
    public List<ChildStatus> status() {
        List<ChildStatus> known = new ArrayList<>(table.statuses());
        for (String name : configuredNames()) {
            if (!table.contains(name)) {
                known.add(new ChildStatus(name, ChildState.STOPPED, 0, null, null, 0, null));
            }
        }
        known.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(known);
    }

    /** Scans /proc now for the children that have a process. */
    @Override
    public List<TreeUsage> measure() {
        return meter.measure(table.statuses());
    }

    /**
     * {@code config} is {@code null} when server.yml cannot be read now (the reason is logged).
     * Unlike {@link #check}, drops nothing from the table.
     */
    @Override
    public ServerInfo info() {
        ServerConfig server = null;
        try {
            server = config.server();
        } catch (ConfigException e) {
            LOG.log(Level.WARNING, "info: cannot read the server config: {0}", e.getMessage());
        }
        List<String> running = table.statuses().stream().filter(ProcessSupervisor::alive)
                .map(ChildStatus::name).toList();
        return new ServerInfo(version, pid, startedAt, server, running);
    }

    /** Starts {@code name} for the startup run, logging what happened. */
    private void startAtBoot(String name) {
        Outcome outcome = saves.batch(() -> startWithDependencies(name));
        LOG.log(outcome.satisfied() ? Level.INFO : Level.WARNING, "startup: {0}", outcome);
    }

    private List<String> configuredNames() {
        try {
            return config.childNames();
        } catch (ConfigException e) {
            LOG.log(Level.WARNING, "status: cannot list the child files: {0}", e.getMessage());
            return List.of();
        }
    }

    /** A repeat timer armed when {@code name} started as {@code childPid} is due (package-private: tests fire it). */
    void repeatDue(String name, long childPid) {
        operations.repeat(name, childPid);
    }

    /** {@code outcome}, carrying why the state file could not be written when it could not. */
    private Outcome recorded(Outcome outcome) {
        return stateFile.problem().map(outcome::withUnrecorded).orElse(outcome);
    }

    /** The state file lists the children that have a process: it changes when a child gains or loses one. */
    private void persistOnChange(Transition transition) {
        if (transition.previous().hasProcess() != transition.state().hasProcess()) {
            saves.changed();
        }
    }

    /** How many times the state file was written (tests count them). */
    long stateWrites() {
        return stateFile.writes();
    }

    private void persist() {
        stateFile.save(() -> table.statuses().stream()
                .filter(status -> status.state().hasProcess())
                .map(status -> new StateFile.Entry(status.name(), status.pid(), status.startedAt()))
                .toList());
    }

    private static boolean alive(ChildStatus status) {
        return status.state().hasProcess()
                && ProcessHandle.of(status.pid()).map(AdoptedExits::runs).orElse(false);
    }

    private static Path stateDir(BundleContext context) {
        String configured = context.getProperty(KeeperProperties.STATE_DIR);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        File data = context.getDataFile("state");
        Path fallback = data != null ? data.toPath() : Path.of(System.getProperty("java.io.tmpdir"), "keeper-state");
        LOG.log(Level.WARNING, "framework property {0} is not set; keeping state in {1}",
                KeeperProperties.STATE_DIR, fallback);
        return fallback;
    }

    /**
     * The launcher's {@value KeeperProperties#SERVER_ID}, the one owner of {@code <state>/server-id}; a made-up
     * id for this run without it (said in the log).
     */
    private static String serverId(BundleContext context) {
        String published = context.getProperty(KeeperProperties.SERVER_ID);
        if (published != null && !published.isBlank()) {
            return published;
        }
        String id = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "framework property {0} is not set; children started now carry {1}, which a later"
                + " server cannot recognise", KeeperProperties.SERVER_ID, id);
        return id;
    }

    private static String versionOf(BundleContext context) {
        String configured = context.getProperty(KeeperProperties.VERSION);
        return configured != null ? configured : context.getBundle().getVersion().toString();
    }

    private static void logFatal(String reason) {
        LOG.log(Level.ERROR, "the server cannot run: {0}", reason);
    }
}
