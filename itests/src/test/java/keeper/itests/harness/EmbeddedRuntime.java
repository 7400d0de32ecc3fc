package keeper.itests.harness;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.awaitility.Awaitility;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import keeper.launcher.KeeperRuntime;

/**
 * The assembled runtime booted inside the test's JVM by the launcher's own code, with the built
 * bundles from the distribution. The bundles' classes live in the framework, not on the test's class
 * path, so services are reached by name and reflection: the test sees them as a user's tool would.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    /** DS component configuration states (ComponentConfigurationDTO). */
    private static final int SATISFIED = 4;
    private static final int ACTIVE = 8;

    private final KeeperRuntime runtime;

    private EmbeddedRuntime(KeeperRuntime runtime) {
        this.runtime = runtime;
    }

    /** Boots {@code features} on {@code serverYml}, with state and a watched deploy/ directory under {@code stateDir}. */
    public static EmbeddedRuntime boot(Path serverYml, Path stateDir, String... features) throws Exception {
        return new EmbeddedRuntime(KeeperRuntime.boot(Distribution.root(), serverYml, stateDir, stateDir.resolve("deploy"),
                List.of(features)));
    }

    /** The directory this runtime's FileInstall watches. */
    public Path deployDir() {
        return Path.of(context().getProperty("felix.fileinstall.dir"));
    }

    public BundleContext context() {
        return runtime.framework().getBundleContext();
    }

    /** Symbolic names and states of bundles that are not fragments and not ACTIVE. */
    public List<String> inactiveBundles() {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null && bundle.getState() != Bundle.ACTIVE) {
                inactive.add(bundle.getSymbolicName() + " (state " + bundle.getState() + ")");
            }
        }
        return inactive;
    }

    public List<String> bundleNames() {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            names.add(bundle.getSymbolicName());
        }
        return names;
    }

    /** Every DS component that is not satisfied or active, with its state; empty when all are fine. */
    public List<String> componentProblems() throws Exception {
        Object scr = service("org.osgi.service.component.runtime.ServiceComponentRuntime");
        Class<?> api = scr.getClass().getClassLoader().loadClass("org.osgi.service.component.runtime.ServiceComponentRuntime");
        Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
        Method configurations = null;
        List<String> problems = new ArrayList<>();
        for (Object description : (Collection<?>) descriptions.invoke(scr, (Object) new Bundle[0])) {
            if (configurations == null) {
                configurations = api.getMethod("getComponentConfigurationDTOs", description.getClass());
            }
            String name = (String) field(description, "name");
            Collection<?> configs = (Collection<?>) configurations.invoke(scr, description);
            if (configs.isEmpty()) {
                problems.add(name + ": no configuration (disabled?)");
            }
            for (Object config : configs) {
                int state = (Integer) field(config, "state");
                if (state != SATISFIED && state != ACTIVE) {
                    problems.add(name + ": state " + state + " " + unsatisfied(config));
                }
            }
        }
        return problems;
    }

    /** Runs one Gogo command line in a fresh session and returns what it printed and returned. */
    public String gogo(String commandLine) throws Exception {
        Object processor = service("org.apache.felix.service.command.CommandProcessor");
        ClassLoader gogo = processor.getClass().getClassLoader();
        Class<?> processorApi = gogo.loadClass("org.apache.felix.service.command.CommandProcessor");
        Class<?> sessionApi = gogo.loadClass("org.apache.felix.service.command.CommandSession");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Object session = processorApi.getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, InputStream.nullInputStream(), print, print);
        try {
            Object result = sessionApi.getMethod("execute", CharSequence.class).invoke(session, commandLine);
            if (result != null) {
                print.println(sessionApi.getMethod("format", Object.class, int.class).invoke(session, result, 0));
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw new GogoException(commandLine, e.getCause());
        } finally {
            sessionApi.getMethod("close").invoke(session);
        }
    }

    /** The service registered under {@code className}, waiting for it for a while. */
    public Object service(String className) {
        ServiceReference<?> reference = Awaitility.await(className).atMost(Duration.ofSeconds(30))
                .until(() -> context().getServiceReference(className), r -> r != null);
        return context().getService(reference);
    }

    public KeeperRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() throws Exception {
        runtime.stop();
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        Field field = dto.getClass().getField(name);
        return field.get(dto);
    }

    private static String unsatisfied(Object config) throws ReflectiveOperationException {
        Object[] references = (Object[]) field(config, "unsatisfiedReferences");
        List<String> names = new ArrayList<>();
        for (Object reference : references) {
            names.add((String) field(reference, "name"));
        }
        return names.isEmpty() ? "" : "unsatisfied references " + names;
    }

    /** A Gogo command that failed; the message is what the shell would have shown. */
    public static final class GogoException extends Exception {
        private static final long serialVersionUID = 1L;

        GogoException(String commandLine, Throwable cause) {
            super(commandLine + ": " + cause.getMessage(), cause);
        }
    }
}
