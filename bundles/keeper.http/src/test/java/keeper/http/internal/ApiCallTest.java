package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCallTest {

    @ParameterizedTest
    @CsvSource({
        "GET,  /info,                   info --json,         false",
        "GET,  /children,               status --json,       false",
        "GET,  /children/web,           status web --json,   false",
        "POST, /children/web/start,     start web,           true",
        "POST, /children/web-2/stop,    stop web-2,          true",
        "POST, /children/db_1/restart,  restart db_1,        true",
        "POST, /children/web/trystart,  trystart web,        true",
    })
    void aCallIsTheCommandLineItStandsFor(String method, String path, String line, boolean action) {
        assertEquals(Optional.of(new ApiCall(line, action)), ApiCall.of(method, path));
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
