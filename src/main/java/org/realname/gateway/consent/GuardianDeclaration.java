package org.realname.gateway.consent;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.PersonName;

/**
 * A guardian's declaration on the consent page for a child under the guardian age: who they are
 * (name, kept only sealed), how they are related, and that they themselves consent.
 */
public record GuardianDeclaration(PersonName name, GuardianRelation relation) {

    /**
     * Validates the three guardian fields of the consent form.
     *
     * @throws GatewayException {@link ErrorCode#GUARDIAN_CONSENT_REQUIRED} when a field is missing,
     *         {@link ErrorCode#INVALID_GUARDIAN} when one is invalid; details never echo the input
     */
    public static GuardianDeclaration parse(String rawName, String rawRelation, boolean guardianAgreed) {
        if (isBlank(rawName) || isBlank(rawRelation) || !guardianAgreed) {
            throw new GatewayException(ErrorCode.GUARDIAN_CONSENT_REQUIRED,
                    "The person being verified is under the guardian age: a guardian must enter their name and "
                            + "relation and tick their own consent (fields guardian_name, guardian_relation, guardian_consent)");
        }
        PersonName name;
        try {
            name = PersonName.parse(rawName);
        } catch (GatewayException e) {
            // PersonName's details never quote the input, so it is safe to pass on.
            throw new GatewayException(ErrorCode.INVALID_GUARDIAN, "guardian_" + e.detail());
        }
        GuardianRelation relation = GuardianRelation.fromSlug(rawRelation.strip()).orElseThrow(
                () -> new GatewayException(ErrorCode.INVALID_GUARDIAN,
                        "guardian_relation must be one of parent, grandparent, adult-sibling, other-guardian"));
        return new GuardianDeclaration(name, relation);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
