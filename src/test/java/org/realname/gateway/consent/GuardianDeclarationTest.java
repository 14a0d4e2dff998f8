package org.realname.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;

class GuardianDeclarationTest {

    @Test
    void validDeclaration_isParsed() {
        GuardianDeclaration g = GuardianDeclaration.parse(" 张大山 ", "parent", true);
        assertEquals("张大山", g.name().reveal());
        assertEquals(GuardianRelation.PARENT, g.relation());
        assertFalse(g.toString().contains("大山"), "the record's toString masks the name");
    }

    @Test
    void missingField_orNoGuardianTick_isGuardianConsentRequired() {
        assertCode(ErrorCode.GUARDIAN_CONSENT_REQUIRED, () -> GuardianDeclaration.parse(null, "parent", true));
        assertCode(ErrorCode.GUARDIAN_CONSENT_REQUIRED, () -> GuardianDeclaration.parse("张大山", " ", true));
        assertCode(ErrorCode.GUARDIAN_CONSENT_REQUIRED, () -> GuardianDeclaration.parse("张大山", "parent", false));
    }

    @Test
    void invalidName_isInvalidGuardian_withoutEchoingIt() {
        GatewayException e = assertCode(ErrorCode.INVALID_GUARDIAN, () -> GuardianDeclaration.parse("张3<script>", "parent", true));
        assertFalse(e.detail().contains("script"), e.detail());
        assertEquals("guardian_name must be written in Chinese characters (with ·) or in Latin letters", e.detail());
    }

    @Test
    void unknownRelation_isInvalidGuardian() {
        GatewayException e = assertCode(ErrorCode.INVALID_GUARDIAN, () -> GuardianDeclaration.parse("张大山", "neighbour", true));
        assertFalse(e.detail().contains("neighbour"), e.detail());
    }

    private static GatewayException assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        GatewayException e = assertThrows(GatewayException.class, call);
        assertEquals(code, e.code(), e.detail());
        return e;
    }
}
