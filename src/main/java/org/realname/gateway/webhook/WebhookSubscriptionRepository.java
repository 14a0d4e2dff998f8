package org.realname.gateway.webhook;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, String> {

    /** The subscriptions of {@code owner}, oldest first. */
    public List<WebhookSubscription> ofOwner(String tenant, String owner) {
        return list("tenantId = ?1 and owner = ?2 order by createdAt, id", tenant, owner);
    }

    public long countOfOwner(String tenant, String owner) {
        return count("tenantId = ?1 and owner = ?2", tenant, owner);
    }

    /** {@code id} if it belongs to {@code owner}; another platform's subscription is "not found". */
    public Optional<WebhookSubscription> ofOwner(String tenant, String owner, String id, boolean lock) {
        var query = find("id = ?1 and tenantId = ?2 and owner = ?3", id, tenant, owner);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }
}
