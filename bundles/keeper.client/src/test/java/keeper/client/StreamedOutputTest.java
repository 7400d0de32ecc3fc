package keeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import keeper.api.spi.transport.Endpoint;

class StreamedOutputTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Endpoint a = EndpointParser.parse("hostA");
    private final Endpoint b = EndpointParser.parse("hostB:34000");

    StreamedOutputTest() throws UsageException {
    }

    @Test
    void oneHostsTextGoesOutAsItComesEscaped() {
        StreamedOutput streamed = new StreamedOutput(out, false);
        streamed.text(a, "line 1\nhalf");
        streamed.text(a, " a line \u001b]0;pwned\u0007\n");
        assertEquals("line 1\nhalf a line \\x1b]0;pwned\\x07\n", printed());
    }

    @Test
    void severalHostsGetOneLabelledLineEachNeverMixedWithinALine() {
        StreamedOutput streamed = new StreamedOutput(out, true);
        streamed.text(a, "a1\na2 st");
        streamed.text(b, "b1\n");
        streamed.text(a, "arts\n");
        streamed.text(b, "unfinished");
        streamed.finish();
        assertEquals("hostA | a1\nhostB:34000 | b1\nhostA | a2 starts\nhostB:34000 | unfinished\n", printed());
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
