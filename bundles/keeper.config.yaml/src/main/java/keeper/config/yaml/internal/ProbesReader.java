package keeper.config.yaml.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import keeper.api.HealthCheck;
import keeper.api.Probe;
import keeper.api.Probes;

/**
 * A child's {@code depends_on}, {@code ready}, {@code health} and {@code max_memory}; see docs/config.md.
 *
 * @param probes       what was read
 * @param dependencies the line of each name in {@code depends_on}, to report one that names no child
 */
record ProbesReader(Probes probes, Map<String, Integer> dependencies) {

    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_FAILURES = 3;
    private static final List<String> KINDS = List.of("tcp", "http", "exec", "log");
    private static final Set<String> READY_FIELDS = Set.of("tcp", "http", "exec", "log", "timeout");
    private static final Set<String> HEALTH_FIELDS = Set.of("tcp", "http", "exec", "log", "timeout", "interval",
            "failures");
    /** A wait or a period of more than a day is a typo, not a plan. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(86_400);
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m)");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):([0-9]{1,5})");

    static ProbesReader read(String name, Fields child) {
        Map<String, Integer> dependencies = dependsOn(name, child);
        Probe ready = probe(child.mapping("ready", READY_FIELDS), DEFAULT_READY_TIMEOUT);
        HealthCheck health = health(child.mapping("health", HEALTH_FIELDS));
        long maxMemory = maxMemory(child);
        return new ProbesReader(new Probes(List.copyOf(dependencies.keySet()), ready, health, maxMemory), dependencies);
    }

    private static Map<String, Integer> dependsOn(String self, Fields child) {
        Map<String, Integer> names = new LinkedHashMap<>();
        List<Node> entries = child.list("depends_on");
        for (int i = 0; i < entries.size(); i++) {
            String field = "depends_on[" + i + "]";
            String name = Values.nonBlankText(entries.get(i), field, child.problems());
            if (name == null) {
                continue;
            }
            if (!ChildNameRule.isValid(name)) {
                child.problems().add(entries.get(i), field, ChildNameRule.explain(name));
            } else if (name.equals(self)) {
                child.problems().add(entries.get(i), field, "a child cannot depend on itself");
            } else if (names.containsKey(name)) {
                child.problems().add(entries.get(i), field, "'" + name + "' is listed twice");
            } else {
                names.put(name, Problems.lineOf(entries.get(i)));
            }
        }
        return names;
    }

    private static HealthCheck health(Fields health) {
        if (health == null) {
            return null;
        }
        Probe probe = probe(health, DEFAULT_HEALTH_TIMEOUT);
        Duration interval = duration(health, "interval", DEFAULT_INTERVAL);
        int failures = (int) health.wholeNumber("failures", 1, 1000, DEFAULT_FAILURES);
        return probe == null ? null : new HealthCheck(probe, interval, failures);
    }

    /** The one probe of a {@code ready} or {@code health} block, or {@code null} when absent or broken (reported). */
    private static Probe probe(Fields block, Duration defaultTimeout) {
        if (block == null) {
            return null;
        }
        List<String> kinds = KINDS.stream().filter(kind -> block.get(kind) != null).toList();
        Duration timeout = duration(block, "timeout", defaultTimeout);
        if (kinds.size() != 1) {
            block.problem(kinds.isEmpty() ? "tcp" : kinds.get(1), "needs exactly one probe, one of "
                    + String.join(", ", KINDS) + " (e.g. tcp: 127.0.0.1:5432)"
                    + (kinds.isEmpty() ? "" : ", not " + String.join(" and ", kinds)));
            return null;
        }
        String kind = kinds.get(0);
        String text = block.nonBlankText(kind);
        if (text == null) {
            return null;
        }
        Node node = block.get(kind);
        String field = block.name(kind);
        Problems problems = block.problems();
        return switch (kind) {
            case "tcp" -> tcp(text, node, field, problems) ? new Probe(Probe.Kind.TCP, text, List.of(), timeout) : null;
            case "http" -> http(text, node, field, problems) ? new Probe(Probe.Kind.HTTP, text, List.of(), timeout) : null;
            case "exec" -> exec(text, node, field, problems, timeout);
            default -> log(text, node, field, problems) ? new Probe(Probe.Kind.LOG, text, List.of(), timeout) : null;
        };
    }

    private static boolean tcp(String text, Node node, String field, Problems problems) {
        Matcher matcher = HOST_PORT.matcher(text.trim());
        int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
        if (port < 1 || port > 65_535) {
            problems.add(node, field, "must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:5432; not '"
                    + Describe.shown(text) + "'");
            return false;
        }
        return true;
    }

    private static boolean http(String text, Node node, String field, Problems problems) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return true;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other unusable address
        }
        problems.add(node, field, "must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/healthz;"
                + " not '" + Describe.shown(text) + "'");
        return false;
    }

    private static Probe exec(String text, Node node, String field, Problems problems, Duration timeout) {
        try {
            List<String> argv = ArgvSplitter.split(text);
            if (!argv.isEmpty() && !argv.get(0).isEmpty()) {
                return new Probe(Probe.Kind.EXEC, text, argv, timeout);
            }
            problems.add(node, field, "must start with the program to run, e.g. exec: pg_isready -q");
        } catch (IllegalArgumentException e) {
            problems.add(node, field, e.getMessage());
        }
        return null;
    }

    private static boolean log(String text, Node node, String field, Problems problems) {
        try {
            Pattern.compile(text);
            return true;
        } catch (PatternSyntaxException e) {
            problems.add(node, field, "is not a regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
            return false;
        }
    }

    /** Seconds as a number ({@code 2.5}) or with a unit ({@code 500ms}, {@code 2s}, {@code 1m}), above zero. */
    private static Duration duration(Fields block, String key, Duration absent) {
        Node node = block.get(key);
        if (node == null) {
            return absent;
        }
        BigDecimal seconds = null;
        if (node instanceof ScalarNode scalar) {
            if (node.getTag() == Tag.INT || node.getTag() == Tag.FLOAT) {
                seconds = number(scalar.getValue());
            } else {
                Matcher matcher = DURATION.matcher(scalar.getValue().trim().toLowerCase(Locale.ROOT));
                if (matcher.matches()) {
                    BigDecimal amount = new BigDecimal(matcher.group(1));
                    seconds = switch (matcher.group(2)) {
                        case "ms" -> amount.movePointLeft(3);
                        case "m" -> amount.multiply(BigDecimal.valueOf(60));
                        default -> amount;
                    };
                }
            }
        }
        if (seconds == null || seconds.signum() <= 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            block.problems().add(node, block.name(key), "must be a duration above 0 and at most a day: seconds (2.5)"
                    + " or with a unit (500ms, 2s, 1m); not " + Describe.kind(node));
            return absent;
        }
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A size as {@link Sizes} reads it, at least a megabyte (less is a typo: no program runs in it). */
    private static long maxMemory(Fields child) {
        Node node = child.get("max_memory");
        if (node == null) {
            return 0;
        }
        Long bytes = Sizes.bytes(node);
        if (bytes != null && bytes >= 1L << 20) {
            return bytes;
        }
        child.problems().add(node, "max_memory", "must be a size of at least 1MB such as 200MB, 1GB or 524288KB, not "
                + Describe.kind(node));
        return 0;
    }
}
