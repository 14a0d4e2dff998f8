package org.realname.gateway.identity;

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
    void name_keepsTheSurnameOnly() {
        assertEquals("张*", Masking.name("张三"));
        assertEquals("张**", Masking.name("张小明"));
        assertEquals("欧阳**", Masking.name("欧阳娜娜"));
        assertEquals("司马***", Masking.name("司马相如一"));
    }

    @Test
    void compoundSurname_withOneGivenCharacter_keepsOnlyTheFirstCharacter() {
        // keeping two of three characters would show the given name's neighbour and leave one *
        assertEquals("欧**", Masking.name("欧阳修"));
    }

    @Test
    void latinName_keepsFirstLetterAndSpaces() {
        assertEquals("J*** ***", Masking.name("John Doe"));
    }
}
