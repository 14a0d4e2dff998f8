package org.realname.gateway.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void idNumber_keepsFirstThreeAndLastFour() {
        assertEquals("110***********123X", Masking.idNumber("11010519491231123X"));
    }

    @Test
    void shortOrMissingValues_areFullyMasked() {
        assertEquals("****", Masking.idNumber("1234"));
        assertEquals("", Masking.idNumber(null));
        assertEquals("", Masking.name(null));
    }

    @Test
    void name_keepsFirstCharacterOnly() {
        assertEquals("张*", Masking.name("张三"));
        assertEquals("欧***", Masking.name("欧阳娜娜"));
    }
}
