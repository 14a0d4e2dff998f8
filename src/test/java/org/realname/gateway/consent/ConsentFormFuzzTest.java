package org.realname.gateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.PersonName;
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

    /** Every detail a guardian refusal may carry, taken from the code with known inputs. */
    private static final Set<String> REFUSALS = Stream.of(
            refusal(null, "parent", true), // a field missing
            refusal("张三", "nope", true), // an unknown relation
            refusal("张", "parent", true), // the name too short
            refusal("张".repeat(40), "parent", true), // too long
            refusal("张3", "parent", true)) // neither script
            .collect(Collectors.toUnmodifiableSet());

    private static String refusal(String name, String relation, boolean agreed) {
        try {
            GuardianDeclaration.parse(name, relation, agreed);
        } catch (GatewayException e) {
            return e.detail();
        }
        throw new IllegalStateException("a known refusal was accepted: update REFUSALS");
    }

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
            // A closed set of sentences, so nothing of the name can be in it (a name may well be a
            // word of a sentence, "guardian", so "does not contain the name" would be the wrong test).
            assertTrue(REFUSALS.contains(e.detail()), "guardian refusal outside the fixed sentences");
            NoPersonalData.assertAbsent("guardian refusal", e.detail());
        }

        ConsentForm other = new ConsentForm(agreed, version, digest, channel, "欧阳娜娜", "parent", guardianAgreed);
        assertEquals(other.toString(), form.toString(), "toString does not depend on the guardian's fields");
    }

    private static String flipCase(String digest, FuzzedDataProvider data) {
        return data.consumeBoolean() ? digest.toUpperCase(java.util.Locale.ROOT) : digest;
    }
}
