package org.realname.gateway.consent;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.tenant.AccountRef;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentRecord, String> {

    public Optional<ConsentRecord> findBySession(String sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }

    /** The rules version of the account's latest consent, if it ever consented. */
    public Optional<String> lastRulesVersion(AccountRef account) {
        return getEntityManager().createQuery("SELECT c.rulesVersion FROM ConsentRecord c, VerificationSession s "
                + "WHERE s.id = c.sessionId AND s.tenantId = :tenant AND s.accountId = :account "
                + "ORDER BY c.consentedAt DESC", String.class)
                .setParameter("tenant", account.tenant()).setParameter("account", account.accountId())
                .setMaxResults(1).getResultStream().findFirst();
    }
}
