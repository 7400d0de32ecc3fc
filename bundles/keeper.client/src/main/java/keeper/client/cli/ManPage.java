package keeper.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a program's {@code --help} text as a man page, so that the help text is the one source of both:
 * the build runs {@code bin/keeper --help} and {@code bin/keeper-server --help} and turns them into
 * {@code keeper(1)} and {@code keeper-server(8)}. The help's shape is read, not parsed strictly: the first
 * paragraph ({@code Usage: ...}) is the synopsis; a line at the left margin ending in {@code :} starts a
 * section ({@code Options:}, {@code Commands (...):}), as does {@code Word: text}; lines laid out in columns
 * (indented, or holding a run of spaces) keep their layout; other lines are filled text.
 *
 * <p>{@code java -cp keeper.client.jar keeper.client.cli.ManPage NAME SECTION VERSION "one-line summary" HELP OUT}
 */
public final class ManPage {

    private static final Pattern HEADING = Pattern.compile("([A-Z][A-Za-z ]*?)(?: \\((.*)\\))?:");
    private static final Pattern LEAD = Pattern.compile("([A-Z][a-z]+): (.+)");
    private static final Pattern USAGE = Pattern.compile("(?i)\\s*usage:\\s*");

    private final StringBuilder roff = new StringBuilder();
    private boolean laidOut;
    private boolean inSection;

    private ManPage() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: ManPage NAME SECTION VERSION SUMMARY HELP.txt OUT");
            System.exit(2);
        }
        String page = render(args[0], args[1], args[2], args[3], Files.readString(Path.of(args[4])));
        Path out = Path.of(args[5]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, page);
    }

    /** The roff source of {@code name(section)} made from {@code help}. */
    static String render(String name, String section, String version, String summary, String help) {
        ManPage page = new ManPage();
        page.roff.append(".TH ").append(escape(name.toUpperCase(Locale.ROOT))).append(' ').append(section)
                .append(" \"\" \"Keeper ").append(escape(version)).append("\" \"Keeper manual\"\n")
                .append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary)).append('\n');
        List<String> lines = help.stripTrailing().lines().toList();
        int body = page.synopsis(lines);
        for (String line : lines.subList(body, lines.size())) {
            page.line(line);
        }
        page.endLayout();
        return page.roff.toString();
    }

    /** The first paragraph as SYNOPSIS; returns the index of the first line after it. */
    private int synopsis(List<String> lines) {
        roff.append(".SH SYNOPSIS\n.nf\n");
        int i = 0;
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            Matcher usage = USAGE.matcher(lines.get(i));
            roff.append(escape(usage.lookingAt() ? lines.get(i).substring(usage.end()) : lines.get(i).strip())).append('\n');
        }
        roff.append(".fi\n");
        return i;
    }

    private void line(String line) {
        if (line.isBlank()) {
            if (laidOut) {
                roff.append('\n');
            } else if (inSection) {
                roff.append(".PP\n");
            }
            return;
        }
        boolean atMargin = !Character.isWhitespace(line.charAt(0));
        Matcher heading = HEADING.matcher(line);
        Matcher lead = LEAD.matcher(line);
        if (atMargin && heading.matches()) {
            section(heading.group(1));
            if (heading.group(2) != null) {
                text(Character.toUpperCase(heading.group(2).charAt(0)) + heading.group(2).substring(1) + ".");
            }
        } else if (atMargin && lead.matches() && !lead.group(2).contains("   ")) {
            section(lead.group(1));
            text(Character.toUpperCase(lead.group(2).charAt(0)) + lead.group(2).substring(1));
        } else if (!atMargin || line.contains("  ")) {
            if (!inSection) {
                section("Options");
            }
            if (!laidOut) {
                roff.append(".nf\n");
                laidOut = true;
            }
            roff.append(escape(line)).append('\n');
        } else {
            if (!inSection) {
                section("Description");
            }
            text(line);
        }
    }

    private void section(String title) {
        endLayout();
        if (roff.toString().endsWith(".PP\n")) {
            roff.setLength(roff.length() - ".PP\n".length());
        }
        roff.append(".SH ").append(escape(title.toUpperCase(Locale.ROOT))).append('\n');
        inSection = true;
    }

    private void text(String line) {
        endLayout();
        roff.append(escape(line.strip())).append('\n');
    }

    private void endLayout() {
        if (laidOut) {
            while (roff.toString().endsWith("\n\n")) {
                roff.setLength(roff.length() - 1);
            }
            roff.append(".fi\n");
            laidOut = false;
        }
    }

    /** Text safe in roff: backslashes and hyphens escaped, a leading dot or quote made literal. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
