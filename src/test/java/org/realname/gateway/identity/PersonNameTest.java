package org.realname.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

class PersonNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"张三", "欧阳娜娜", "阿依古丽·买买提", "John Smith", "Anne-Marie O'Neil", "José Álvarez"})
    void acceptedNames(String raw) {
        assertEquals(raw, PersonName.parse(raw).reveal());
    }

    @Test
    void middleDotVariants_areNormalised() {
        assertEquals("阿依古丽·买买提", PersonName.parse("阿依古丽・买买提").reveal());
        assertEquals("阿依古丽·买买提", PersonName.parse("  阿依古丽•买买提 ").reveal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"张", "·张三", "张三·", "张··三", "张三1", "张三 Smith", "<script>", "J", "  ",
        "张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张"})
    void refusedNames(String raw) {
        GatewayException e = assertThrows(GatewayException.class, () -> PersonName.parse(raw));
        assertEquals(ErrorCode.INVALID_NAME, e.code());
    }

    @Test
    void missingName_isRefused() {
        assertThrows(GatewayException.class, () -> PersonName.parse(null));
    }

    @Test
    void toString_masks() {
        assertEquals("张*", PersonName.parse("张三").toString());
        assertEquals("阿*******", PersonName.parse("阿依古丽·买买提").toString());
        assertEquals("J*** *****", PersonName.parse("John Smith").toString());
    }
}
