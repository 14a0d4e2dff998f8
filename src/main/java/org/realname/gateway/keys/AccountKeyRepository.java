package org.realname.gateway.keys;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AccountKeyRepository implements PanacheRepositoryBase<AccountKey, AccountKey.Key> {

    /** Up to {@code limit} live data keys not wrapped under {@code activeKekKeyId}, row-locked. */
    public List<AccountKey> lockNotUnder(String activeKekKeyId, int limit) {
        return find("wrappedDek is not null and kekKeyId <> ?1 order by tenantId, accountId", activeKekKeyId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }

    /** Live (not shredded) data keys per KEK key id. */
    public Map<String, Long> liveCountsByKek() {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : getEntityManager().createQuery(
                "select a.kekKeyId, count(a) from AccountKey a where a.wrappedDek is not null group by a.kekKeyId", Object[].class)
                .getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    public long countLiveUnder(String kekKeyId) {
        return count("wrappedDek is not null and kekKeyId = ?1", kekKeyId);
    }

    public long countShredded() {
        return count("wrappedDek is null");
    }
}
