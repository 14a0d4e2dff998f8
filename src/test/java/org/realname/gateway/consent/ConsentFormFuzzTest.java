package org.realname.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.privacy.PersonName;
import org.realname.gateway.support.NoPersonalData;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The consent form's fields as a browser may post them (any text, any tick):
 * <ul>
 *   <li>the rules check accepts exactly the version and digest in force (the digest in either
 *       case), never a form that showed other rules or none;</li>
 *   <li>the guardian's declaration is valid or refused with {@code GUARDIAN_CONSENT_REQUIRED} /
 *       {@code INVALID_GUARDIAN}, and the refusal never quotes the guardian's name; an accepted
 *       name is a valid {@link PersonName} and the relation one of the fixed slugs;</li>
 *   <li>the form's {@code toString} (what a log line could show) does not depend on the
 *       guardian's name or relation.</li>
 * </ul>
 */
class ConsentFormFuzzTest {

    private static final ConsentRules.Rules IN_FORCE = new ConsentRules.Rules("2026-01", LocalDate.of(2026, 1, 1),
            "人脸信息处理规则", "Face information rules",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");

    @FuzzTest
    void consentFormIsCheckedWithoutEchoingTheGuardian(FuzzedDataProvider data) {
        String version = data.consumeBoolean() ? IN_FORCE.version() : data.consumeString(12);
        String digest = data.consumeBoolean() ? flipCase(IN_FORCE.digest(), data) : data.consumeString(70);
        String guardianName = data.consumeString(40);
        String guardianRelation = data.consumeBoolean()
                ? data.pickValue(new String[] {"parent", " grandparent ", "adult-sibling", "other-guardian", "Parent"})
                : data.consumeString(20);
        boolean agreed = data.consumeBoolean();
        boolean guardianAgreed = data.consumeBoolean();
        ConsentChannel channel = data.pickValue(ConsentChannel.values());
        ConsentForm form = new ConsentForm(agreed, version, digest, channel, guardianName, guardianRelation, guardianAgreed);

        boolean shownInForce = IN_FORCE.version().equals(version) && IN_FORCE.digest().equalsIgnoreCase(digest);
        assertEquals(shownInForce, IN_FORCE.matches(form.rulesVersion(), form.rulesDigest()), "rules match exactly");

        try {
            GuardianDeclaration g = GuardianDeclaration.parse(form.guardianName(), form.guardianRelation(),
                    form.guardianAgreed());
            assertTrue(guardianAgreed, "a declaration needs the guardian's own tick");
            assertEquals(g.name(), PersonName.parse(guardianName), "the declared name is the posted name, parsed");
            assertEquals(g.relation(), GuardianRelation.fromSlug(guardianRelation.strip()).orElseThrow());
        } catch (GatewayException e) {
            assertTrue(Set.of(ErrorCode.GUARDIAN_CONSENT_REQUIRED, ErrorCode.INVALID_GUARDIAN).contains(e.code()),
                    "refused as missing or invalid guardian fields");
            NoPersonalData.assertAbsent("guardian refusal", e.detail(), guardianName);
            NoPersonalData.assertAbsent("guardian refusal message", e.getMessage(), guardianName);
        }

        ConsentForm other = new ConsentForm(agreed, version, digest, channel, "欧阳娜娜", "parent", guardianAgreed);
        assertEquals(other.toString(), form.toString(), "toString does not depend on the guardian's fields");
    }

    private static String flipCase(String digest, FuzzedDataProvider data) {
        return data.consumeBoolean() ? digest.toUpperCase(java.util.Locale.ROOT) : digest;
    }
}
