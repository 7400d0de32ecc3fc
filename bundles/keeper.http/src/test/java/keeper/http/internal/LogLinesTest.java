package keeper.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void aChildsBytesAreJsonStringsSoNoCarriageReturnOrEscapeReachesAPageOrEndsAnEvent() {
        assertEquals("{\"lines\":[\"a\",\"b\\r\\u001b[31m\"]}", LogLines.document("a\nb\r\u001b[31m\n"));
        assertEquals("{\"lines\":[]}", LogLines.document(""));
        assertEquals("event: lines\ndata: {\"lines\":[\"x\\ry\"]}\n\n", LogLines.event(List.of("x\ry")));
    }
}
