package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCallTest {

    @ParameterizedTest
    @CsvSource({
        "GET,  /info,                   info --json,         READ",
        "GET,  /children,               status --json,       READ",
        "GET,  /children/web,           status web --json,   READ_CHILD",
        "POST, /children/web/start,     start web,           ACTION",
        "POST, /children/web-2/stop,    stop web-2,          ACTION",
        "POST, /children/db_1/restart,  restart db_1,        ACTION",
        "POST, /children/web/trystart,  trystart web,        ACTION",
    })
    void aCallIsTheCommandLineItStandsFor(String method, String path, String line, ApiCall.Kind kind) {
        assertEquals(Optional.of(new ApiCall(line, kind)), ApiCall.of(method, path));
    }

    @Test
    void aLogCallTakesItsOptionsFromTheQueryCheckedHere() {
        assertEquals(Optional.of(new ApiCall("logs web --lines=10", ApiCall.Kind.LOG)),
                ApiCall.of("GET", "/children/web/log", query(Map.of())));
        assertEquals(Optional.of(new ApiCall("logs web --lines=10000 --stderr --follow", ApiCall.Kind.LOG_FOLLOW)),
                ApiCall.of("GET", "/children/web/log", query(Map.of("lines", "10000", "stream", "stderr", "follow", "1"))));
        assertEquals(Optional.of(new ApiCall("logs web --lines=5", ApiCall.Kind.LOG)),
                ApiCall.of("GET", "/children/web/log", query(Map.of("lines", "5", "follow", "0"))));
        for (Map<String, String> bad : List.of(Map.of("lines", "0"), Map.of("lines", "10001"), Map.of("lines", "5 --follow"),
                Map.of("lines", "-1"), Map.of("stream", "both"), Map.of("stream", "stdout --follow"))) {
            assertTrue(ApiCall.of("GET", "/children/web/log", query(bad)).isEmpty(), bad.toString());
        }
        assertTrue(ApiCall.of("POST", "/children/web/log", query(Map.of())).isEmpty());
    }

    private static Function<String, String> query(Map<String, String> parameters) {
        return parameters::get;
    }

    @ParameterizedTest
    @CsvSource({
        "GET,    /children/web/start",
        "POST,   /children/web",
        "POST,   /info",
        "DELETE, /children/web/stop",
        "POST,   /children/web/kill",
        "POST,   /children/web%20x/start",
        "POST,   '/children/web x/start'",
        "POST,   /children/-web/start",
        "GET,    /children/",
        "GET,    /children/web/",
        "GET,    ''",
        "GET,    /",
        "GET,    info",
    })
    void anythingElseIsNoCallSoNoPathAddsWordsToACommand(String method, String path) {
        assertTrue(ApiCall.of(method, path).isEmpty(), path);
        assertTrue(ApiCall.of(method, null).isEmpty());
    }
}
