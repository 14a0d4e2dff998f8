package org.realname.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SecurityLogTest {

    @Test
    void clean_truncatesAndReplacesControlCharacters() {
        assertEquals("ab?c", SecurityLog.clean("ab\nc", 10));
        assertEquals("abc", SecurityLog.clean("abcdef", 3));
        assertEquals("??", SecurityLog.clean("张三", 10));
        assertNull(SecurityLog.clean(null, 10));
    }
}
