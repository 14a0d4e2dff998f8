package org.realname.gateway.webhook;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, String> {

    /** The subscriptions of {@code owner}, oldest first. */
    public List<WebhookSubscription> ofOwner(String owner) {
        return list("owner = ?1 order by createdAt, id", owner);
    }

    public long countOfOwner(String owner) {
        return count("owner", owner);
    }

    /** {@code id} if it belongs to {@code owner}; another platform's subscription is "not found". */
    public Optional<WebhookSubscription> ofOwner(String owner, String id, boolean lock) {
        var query = find("id = ?1 and owner = ?2", id, owner);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }
}
