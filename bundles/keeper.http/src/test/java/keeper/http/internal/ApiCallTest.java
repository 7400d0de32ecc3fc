package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

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
