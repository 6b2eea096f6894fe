package dev.autograd4j.io;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written JSON reader and writer the safetensors header uses, against RFC 8259's rules. */
class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, -0.0, 12345678901234567890],"
                + " \"b\": {\"t\": true, \"f\": false, \"n\": null}, \"s\": \"x\"} \n");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b", "s"), List.copyOf(m.keySet()), "document order");
        assertEquals(List.of(1L, -2L, 3.5, 1000.0, -0.0, 1.2345678901234567e19), m.get("a"));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertEquals(Boolean.TRUE, b.get("t"));
        assertEquals(Boolean.FALSE, b.get("f"));
        assertTrue(b.containsKey("n"));
        assertNull(b.get("n"));
        assertEquals(Map.of(), Json.parse("{}"));
        assertEquals(List.of(), Json.parse("[ ]"));
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t é 😀", Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\""));
        assertEquals("raw ü and 😀", Json.parse("\"raw ü and 😀\""));
    }

    @Test
    void writesWhatItReads() {
        String s = "quote\" backslash\\ newline\n tab\t bell\u0007 unicode ✓ 😀";
        StringBuilder out = new StringBuilder();
        Json.writeString(out, s);
        assertEquals("\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007 unicode ✓ 😀\"", out.toString());
        assertEquals(s, Json.parse(out.toString()));
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\" 1}", "01", "-", "1.", "1e",
                "+1", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"\\ud83d\"", "\"\\ude00\"", "\"a\u0001\"",
                "{} {}", "[1 2]", "{\"a\":1 \"b\":2}", "{1:2}", "NaN", "Infinity")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad),
                    "'" + bad + "' must not parse");
            assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
        }
    }

    @Test
    void rejectsDuplicateKeysAndDeepNesting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"w\": 1, \"w\": 2}"));
        assertEquals("invalid JSON at offset 9: duplicate key \"w\"", e.getMessage());
        String deep = "[".repeat(100) + "]".repeat(100);
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
    }
}
