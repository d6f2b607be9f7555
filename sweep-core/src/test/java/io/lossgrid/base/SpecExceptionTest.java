package io.lossgrid.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpecExceptionTest {
    @Test
    void controlCharactersAnywhereInTheMessageAreEscapedSoItIsOneLine() {
        SpecException e = new SpecException("a\nb", "must be\tfine", SpecException.render("x\r\ny\u0000"), "hint\n");
        assertEquals("a\\nb must be\\tfine, found \"x\\r\\ny\\u0000\"; hint\\n", e.getMessage());
    }

    @Test
    void aMessageWithoutControlCharactersIsLeftAlone() {
        assertEquals("a\\b must be x, found \"c:\\d\"", new SpecException("a\\b", "must be x", "\"c:\\d\"").getMessage());
    }
}
