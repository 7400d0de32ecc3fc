package keeper.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final ObjectMapper JACKSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static JsonNode jackson(String text) throws Exception {
        return JACKSON.readTree(text);
    }

    @Test
    void everyKindOfValueIsReadBackByARealParser() throws Exception {
        String written = Json.object()
                .put("name", "web")
                .put("pid", 4242)
                .put("uptime_ms", 12_345_678_901L)
                .put("load", 0.25)
                .put("big", new BigDecimal("12345678901234567890.5"))
                .put("running", true)
                .put("exit_code", null)
                .put("tags", Json.array().add("a").add(1).add(false).add(null).add(Json.object()))
                .put("empty", Json.array())
                .put("map", Map.of("k", List.of(1, 2)))
                .toString();

        JsonNode read = jackson(written);
        assertEquals("web", read.get("name").asText());
        assertEquals(4242, read.get("pid").asInt());
        assertEquals(12_345_678_901L, read.get("uptime_ms").asLong());
        assertEquals(0.25, read.get("load").asDouble());
        assertEquals(new BigDecimal("12345678901234567890.5"), read.get("big").decimalValue());
        assertTrue(read.get("running").asBoolean());
        assertTrue(read.get("exit_code").isNull());
        assertEquals("[\"a\",1,false,null,{}]", read.get("tags").toString());
        assertEquals(0, read.get("empty").size());
        assertEquals(2, read.get("map").get("k").get(1).asInt());
        assertEquals(List.of("name", "pid", "uptime_ms", "load", "big", "running", "exit_code", "tags", "empty", "map"),
                iterate(read.fieldNames()));
    }

    @Test
    void stringsSurviveEveryCharacterAndComeOutAsOneInertLine() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) {
                all.append(c);
            }
        }
        all.append("\uD83D\uDE00 \uDB40\uDC01 \uD800 \uDFFF\"\\/\u2028\u2029\u202e\u200b\u00ad\u009b\u007f");
        String written = Json.object().put("text", all.toString()).toString();

        assertEquals(all.toString(), jackson(written).get("text").asText());
        assertEquals(all.toString(), ((Map<?, ?>) JsonReader.parse(written)).get("text"));
        written.codePoints().forEach(c -> assertFalse(Printable.acts(c), () -> "raw character U+" + Integer.toHexString(c)));
        assertFalse(written.contains("\n"));
    }

    @Test
    void shortEscapesAreUsedWhereJsonHasThem() {
        assertEquals("\"q\\\" b\\\\ n\\n t\\t r\\r b\\b f\\f \\u0000 \\u001b \\u2028 \\u2029 \\u202e /\"",
                Json.quote("q\" b\\ n\n t\t r\r b\b f\f \u0000 \u001b \u2028 \u2029 \u202e /"));
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "one")));
    }

    @Test
    void readerReadsWhatARealWriterWritesAndWritesItBackTheSame() throws Exception {
        String document = "{ \"a\" : [1, -2, 3.5, -1.5e-3, 1E+400, 123456789012345678901, true, false, null],"
                + "\"s\": \"\\u00e9\\ud83d\\ude00\\n\\/\", \"o\": {\"nested\": {}} }";
        Object read = JsonReader.parse(document);
        assertEquals(jackson(document), jackson(Json.write(read)));
        Map<?, ?> object = (Map<?, ?>) read;
        assertEquals(List.of("a", "s", "o"), new ArrayList<>(object.keySet()));
        assertEquals(1L, ((List<?>) object.get("a")).get(0));
        assertEquals("\u00e9\uD83D\uDE00\n/", object.get("s"));
    }

    @Test
    void readerRefusesWhatIsNotJsonSayingWhere() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "\"\u0001\"", "\"\\x41\"",
                "\"abc", "tru", "[] []", "{\"a\":1,}", "'a'", "\"\\u12\"", "NaN")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad),
                    bad);
            assertTrue(refused.getMessage().startsWith("not JSON at character "), refused.getMessage());
        }
    }

    @Test
    void readerRefusesDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(deep));
        assertTrue(refused.getMessage().contains("nested deeper than " + JsonReader.MAX_DEPTH));
        String allowed = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(allowed, Json.write(JsonReader.parse(allowed)));
    }

    @Test
    void objectsKeepMemberOrderAndTheLastValuePutForAName() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", 2L);
        expected.put("a", "x");
        assertEquals(expected, JsonReader.parse(Json.object().put("b", 1).put("a", "x").put("b", 2).toString()));
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
