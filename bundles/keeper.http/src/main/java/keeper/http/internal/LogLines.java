package keeper.http.internal;

import java.util.Arrays;
import java.util.List;

import keeper.protocol.Json;
import keeper.protocol.JsonArray;

/**
 * A log's lines in the API's JSON: a child's own bytes, so every line is a JSON string (escaped once, by
 * {@link Json}), never raw text in a page or an event stream, where a carriage return would end an event.
 */
final class LogLines {

    private LogLines() {
    }

    /** {@code {"lines": [...]}} of a {@code logs} reply's text, whose lines end in newlines. */
    static String document(String text) {
        List<String> lines = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return Json.object().put("lines", array(lines)).toString();
    }

    /** One {@code lines} Server-Sent Event. */
    static String event(List<String> lines) {
        return "event: lines\ndata: " + Json.object().put("lines", array(lines)) + "\n\n";
    }

    private static JsonArray array(List<String> lines) {
        JsonArray array = Json.array();
        lines.forEach(array::add);
        return array;
    }
}
