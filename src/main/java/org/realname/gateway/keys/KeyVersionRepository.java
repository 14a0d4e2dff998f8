package org.realname.gateway.keys;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class KeyVersionRepository implements PanacheRepositoryBase<KeyVersion, String> {

    public List<KeyVersion> ofKind(KeyKind kind) {
        return list("kind = ?1 order by version", kind);
    }

    public Optional<KeyVersion> active(KeyKind kind) {
        return find("kind = ?1 and status = ?2", kind, KeyStatus.ACTIVE).firstResultOptional();
    }

    /**
     * The ACTIVE version, row-locked until commit: rotation and data-key creation both take
     * this lock, so a data key is never wrapped under a KEK that has just stopped being ACTIVE.
     * Empty if, after waiting for the lock, the row is no longer ACTIVE (PostgreSQL re-checks
     * the condition): ask again.
     */
    public Optional<KeyVersion> lockActive(KeyKind kind) {
        // list(), not firstResult(): no LIMIT next to FOR UPDATE, which not every database likes.
        return find("kind = ?1 and status = ?2", kind, KeyStatus.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().stream().findFirst();
    }

    /** {@link #lockActive} with a shared lock (PostgreSQL {@code FOR SHARE}): for those who only need it to stay ACTIVE. */
    public Optional<KeyVersion> shareActive(KeyKind kind) {
        return find("kind = ?1 and status = ?2", kind, KeyStatus.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_READ).list().stream().findFirst();
    }

    public int maxVersion(KeyKind kind) {
        Integer max = getEntityManager().createQuery("select max(k.version) from KeyVersion k where k.kind = ?1", Integer.class)
                .setParameter(1, kind).getSingleResult();
        return max == null ? 0 : max;
    }
}
