package keeper.config.yaml.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import keeper.api.RunAs;
import keeper.api.RunAs.StopSignal;

/**
 * A child's {@code user}, {@code group}, {@code umask}, {@code nofile} and {@code stopsignal}. Whether the user
 * and group exist is the spawn's question, asked at every start: accounts come and go while a file stays.
 */
final class RunAsFields {

    static final Set<String> FIELDS = Set.of("user", "group", "umask", "nofile", "stopsignal");

    /** A passwd or group name as useradd takes it, or a number; anything else cannot name an account. */
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{1,10}|[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");
    private static final long MAX_ID = 4_294_967_294L;
    /** The kernel's ceiling for fs.nr_open; a higher limit can never be set. */
    private static final long MAX_NOFILE = 1_073_741_816;
    private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
    private static final String SIGNALS = Arrays.stream(StopSignal.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private RunAsFields() {
    }

    static RunAs read(Fields child) {
        return new RunAs(account(child, "user"), account(child, "group"), umask(child), nofile(child),
                stopSignal(child));
    }

    private static String account(Fields child, String field) {
        String name = child.nonBlankText(field);
        if (name == null) {
            return null;
        }
        boolean numeric = !name.isEmpty() && Character.isDigit(name.charAt(0));
        if (!ACCOUNT.matcher(name).matches() || numeric && Long.parseLong(name) > MAX_ID) {
            child.problems().add(child.get(field), child.name(field), "must be a " + field + " name or a number"
                    + " (e.g. " + (field.equals("user") ? "www-data or 33" : "adm or 4") + "), not "
                    + Describe.kind(child.get(field)));
            return null;
        }
        return name;
    }

    /** Octal as the shell's umask takes it, whether YAML read {@code 022} as a number or {@code "022"} as text. */
    private static Integer umask(Fields child) {
        Node node = child.get("umask");
        if (node == null) {
            return null;
        }
        String text = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        if (!OCTAL.matcher(text).matches() || Integer.parseInt(text, 8) > 0777) {
            child.problems().add(node, child.name("umask"), "must be an octal mask from 000 to 777, as the shell's"
                    + " umask takes it (e.g. \"022\"), not " + Describe.kind(node));
            return null;
        }
        return Integer.parseInt(text, 8);
    }

    private static Long nofile(Fields child) {
        long limit = child.wholeNumber("nofile", 1, MAX_NOFILE, 0);
        return limit == 0 ? null : limit;
    }

    private static StopSignal stopSignal(Fields child) {
        Node node = child.get("stopsignal");
        String text = node == null ? null : Values.text(node, child.name("stopsignal"), child.problems());
        if (text == null) {
            return StopSignal.TERM;
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        try {
            return StopSignal.valueOf(name);
        } catch (IllegalArgumentException e) {
            child.problems().add(node, child.name("stopsignal"), "must be one of " + SIGNALS + ", not "
                    + Describe.kind(node));
            return StopSignal.TERM;
        }
    }
}
