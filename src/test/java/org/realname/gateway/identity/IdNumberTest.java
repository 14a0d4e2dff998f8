package org.realname.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

class IdNumberTest {

    // GB 11643-1999's own example number.
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void standardExample_isValid_andKeepsBirthDate() {
        IdNumber id = IdNumber.parse(STANDARD_EXAMPLE);
        assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
        assertEquals(STANDARD_EXAMPLE, id.reveal());
    }

    @Test
    void lowerCaseX_isNormalised() {
        assertEquals(STANDARD_EXAMPLE, IdNumber.parse("11010519491231002x").reveal());
    }

    @Test
    void checkCharacter_matchesIso7064Mod11_2() {
        assertEquals('X', IdNumber.checkCharacter("11010519491231002"));
        assertEquals('4', IdNumber.checkCharacter("44052418800101001")); // the widely published 440524188001010014
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "110105194912310021", // wrong check digit
        "11010519491231002",  // 17 characters
        "1101051949123100211", // 19 characters
        "11010519491331002X", // month 13
        "11010518000101002X", // year 1800
        "99010519491231002X", // unknown province
        "11010519491231A02X", // letter inside
        "X1010519491231002X",
        "",
    })
    void invalidNumbers_areRefusedWithTheirCode(String raw) {
        GatewayException e = assertThrows(GatewayException.class, () -> IdNumber.parse(raw));
        assertEquals(ErrorCode.INVALID_ID_NUMBER, e.code());
        assertFalse(e.getMessage().contains(raw.isEmpty() ? "\u0000" : raw), "detail must not echo the input");
    }

    @Test
    void birthDateInTheFuture_isRefused() {
        String future = "1101052999010100" + "1";
        assertThrows(GatewayException.class, () -> IdNumber.parse(future + IdNumber.checkCharacter(future)));
    }

    @Test
    void toString_masks() {
        assertEquals("110***********002X", IdNumber.parse(STANDARD_EXAMPLE).toString());
    }
}
