package org.realname.gateway.consent;

import org.realname.gateway.tenant.AccountRef;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.IdentityCipher;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.util.Ids;

/**
 * The consent step's rules: the form must have shown the rules in force, and a child under the
 * guardian age needs a guardian's declaration (or, by policy, is refused). The checks are pure and
 * run before anything is written or counted; {@link #record} then writes the record inside the
 * caller's transaction, before any provider call.
 */
@ApplicationScoped
public class ConsentService {

    private final ConsentRules rules;
    private final ConsentRepository consents;
    private final Minors minors;
    private final IdentityCipher cipher;

    public ConsentService(ConsentRules rules, ConsentRepository consents, Minors minors, IdentityCipher cipher) {
        this.rules = rules;
        this.consents = consents;
        this.minors = minors;
        this.cipher = cipher;
    }

    /** The rules in force now. */
    public ConsentRules.Rules rulesInForce() {
        return rules.current();
    }

    /**
     * The rules version the account last consented to, when that is not the version in force: the
     * consent page then says what changed since.
     */
    public Optional<String> earlierVersionAgreed(AccountRef account, ConsentRules.Rules inForce) {
        return consents.lastRulesVersion(account).filter(v -> !v.equals(inForce.version()));
    }

    /** What the consent page must ask for the person with this ID number now. */
    public MinorRules.Requirement requirement(IdNumber idNumber, Instant now) {
        return minors.requirement(idNumber, now);
    }

    /**
     * Checks a consent form against the rules in force and the person's age.
     *
     * @return the guardian's declaration when one is required
     * @throws GatewayException {@code RULES_CHANGED} when the form showed other rules (another version, or
     *         none), {@code MINOR_NOT_ALLOWED} under policy {@code refuse}, or the guardian errors
     */
    public Optional<GuardianDeclaration> check(ConsentForm form, IdNumber idNumber, Instant now) {
        ConsentRules.Rules inForce = rules.current();
        if (!inForce.matches(form.rulesVersion(), form.rulesDigest())) {
            throw new GatewayException(ErrorCode.RULES_CHANGED, "The face-information rules are now version "
                    + inForce.version() + "; read them and consent again");
        }
        return switch (minors.requirement(idNumber, now)) {
            case NONE -> Optional.empty();
            case REFUSED -> throw new GatewayException(ErrorCode.MINOR_NOT_ALLOWED,
                    "Children under the guardian age cannot be verified through this service");
            case GUARDIAN_CONSENT -> Optional.of(GuardianDeclaration.parse(form.guardianName(), form.guardianRelation(),
                    form.guardianAgreed()));
        };
    }

    /**
     * Writes the consent record (with the guardian's declaration, if any) to the rules in force,
     * which {@link #check} found to be the rules shown.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConsentRecord record(String sessionId, AccountRef accountId, ConsentForm form,
            Optional<GuardianDeclaration> guardian, Instant now) {
        ConsentRules.Rules inForce = rules.current();
        if (!inForce.matches(form.rulesVersion(), form.rulesDigest())) {
            // The file changed between the check and this write: the shown rules are no longer in force.
            throw new GatewayException(ErrorCode.RULES_CHANGED, "The face-information rules are now version "
                    + inForce.version() + "; read them and consent again");
        }
        String id = Ids.newId();
        ConsentRecord record = new ConsentRecord(id, sessionId, inForce, now, form.channel());
        guardian.ifPresent(g -> record.guardian(g.relation(),
                cipher.seal(accountId, g.name().reveal(), ConsentRecord.guardianNameAad(id))));
        consents.persist(record);
        return record;
    }
}
