package keeper.client;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import keeper.protocol.Json;
import keeper.protocol.JsonObject;
import keeper.protocol.JsonReader;

/**
 * How replies are shown for {@code --json}: one line per host (JSON Lines), in the order the hosts were given,
 * each the server's document with {@code host} (as written) and {@code ok} put first, so {@code jq} reads one
 * host and many alike. A host that could not be asked, or whose answer is not a JSON object (an older server,
 * an error before the command ran), is {@code {"host":..,"ok":false,"error":"..."}} (an OK answer that is
 * not JSON keeps its words in {@code text}). The server's document is read and written again by
 * {@link Json}, so what reaches the terminal is valid JSON with every acting character escaped.
 */
public final class JsonOutput {

    private JsonOutput() {
    }

    public static String format(List<HostReply> replies) {
        return replies.stream().map(JsonOutput::line).collect(Collectors.joining("\n"));
    }

    /** The last line after a request to several hosts: {@code {"summary":{"hosts":5,"answered":3,...}}}. */
    public static String summary(List<HostReply> replies) {
        ClientOutput.Tally tally = ClientOutput.Tally.of(replies);
        return Json.object().put("summary", Json.object().put("hosts", tally.hosts()).put("answered", tally.answered())
                .put("refused", tally.refused()).put("unreachable", tally.unreachable())).toString();
    }

    private static String line(HostReply reply) {
        JsonObject line = Json.object().put("host", reply.endpoint().text()).put("ok", reply.ok());
        Map<?, ?> document = document(reply.text());
        if (document == null) {
            return line.put(reply.ok() ? "text" : "error", reply.text().stripTrailing()).toString();
        }
        document.forEach((name, value) -> {
            if (!line.members().containsKey(name)) {
                line.put((String) name, value);
            }
        });
        return line.toString();
    }

    /** The reply as a JSON object, or {@code null} when it is not one. */
    private static Map<?, ?> document(String text) {
        try {
            return JsonReader.parse(text) instanceof Map<?, ?> object ? object : null;
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }
}
