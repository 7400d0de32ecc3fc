package keeper.itests.harness;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Records the Event Admin events of a running runtime. The handler interface is the Event Admin bundle's own class
 * (not on the test's class path), so the handler is a proxy and the events are read by reflection: their property
 * values are plain Java types. Each event is its properties plus {@code topic}.
 */
public final class EventRecorder implements AutoCloseable {

    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<?> registration;

    private EventRecorder(EmbeddedRuntime runtime, String topics, Predicate<Map<String, Object>> wanted)
            throws Exception {
        Bundle eventAdmin = List.of(runtime.context().getBundles()).stream()
                .filter(bundle -> "org.apache.felix.eventadmin".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        Class<?> handlerType = eventAdmin.loadClass("org.osgi.service.event.EventHandler");
        Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] { handlerType },
                (proxy, method, args) -> switch (method.getName()) {
                    case "handleEvent" -> {
                        Map<String, Object> event = propertiesOf(args[0]);
                        if (wanted.test(event)) {
                            events.add(event);
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "event recorder";
                });
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("event.topics", topics);
        registration = runtime.context().registerService(handlerType.getName(), handler, properties);
    }

    /** Records the events on {@code topics} (e.g. {@code keeper/child/*}) that {@code wanted} accepts. */
    public static EventRecorder subscribe(EmbeddedRuntime runtime, String topics, Predicate<Map<String, Object>> wanted)
            throws Exception {
        return new EventRecorder(runtime, topics, wanted);
    }

    /** The events in the order they arrived: a live view that grows as events arrive. */
    public List<Map<String, Object>> events() {
        return Collections.unmodifiableList(events);
    }

    @Override
    public void close() {
        registration.unregister();
    }

    private static Map<String, Object> propertiesOf(Object event) throws ReflectiveOperationException {
        Method names = event.getClass().getMethod("getPropertyNames");
        Method property = event.getClass().getMethod("getProperty", String.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : (String[]) names.invoke(event)) {
            properties.put(name, property.invoke(event, name));
        }
        properties.put("topic", event.getClass().getMethod("getTopic").invoke(event));
        return properties;
    }
}
