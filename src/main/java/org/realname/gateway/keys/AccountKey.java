package org.realname.gateway.keys;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.realname.gateway.tenant.AccountRef;

/**
 * An account's data key as stored: wrapped under the KEK {@link #kekKeyId()} (see
 * {@link DekWrapping}), or destroyed (crypto-shredded), in which case the wrapped key is gone
 * and the row stays only to say so.
 */
@Entity
@Table(name = "account_key")
@IdClass(AccountKey.Key.class)
public class AccountKey {

    /** The primary key: the account in its tenant. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String tenantId;
        private String accountId;

        protected Key() {
            // for JPA
        }

        public Key(AccountRef account) {
            this.tenantId = account.tenant();
            this.accountId = account.accountId();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, accountId);
        }
    }

    @Id
    @Column(name = "tenant_id")
    private String tenantId;
    @Id
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "kek_key_id", nullable = false)
    private String kekKeyId;
    @Column(name = "wrapped_dek")
    private byte[] wrappedDek;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "rewrapped_at")
    private Instant rewrappedAt;
    @Column(name = "destroyed_at")
    private Instant destroyedAt;

    protected AccountKey() {
        // for JPA
    }

    AccountKey(AccountRef account, String kekKeyId, byte[] wrappedDek, Instant now) {
        this.tenantId = account.tenant();
        this.accountId = account.accountId();
        this.kekKeyId = kekKeyId;
        this.wrappedDek = wrappedDek.clone();
        this.createdAt = now;
    }

    void rewrap(String newKekKeyId, byte[] newWrappedDek, Instant now) {
        if (isDestroyed()) {
            throw new IllegalStateException("A destroyed data key cannot be re-wrapped");
        }
        this.kekKeyId = newKekKeyId;
        this.wrappedDek = newWrappedDek.clone();
        this.rewrappedAt = now;
    }

    /** Forgets the wrapped key for good. */
    void destroy(Instant now) {
        this.wrappedDek = null;
        this.destroyedAt = now;
    }

    public boolean isDestroyed() {
        return wrappedDek == null;
    }

    public String accountId() { return accountId; }
    public AccountRef account() { return AccountRef.of(tenantId, accountId); }
    public String kekKeyId() { return kekKeyId; }
    byte[] wrappedDek() { return wrappedDek == null ? null : wrappedDek.clone(); }
    public Instant createdAt() { return createdAt; }
    public Instant rewrappedAt() { return rewrappedAt; }
    public Instant destroyedAt() { return destroyedAt; }

    @Override
    public String toString() {
        return "AccountKey[" + kekKeyId + (isDestroyed() ? ", destroyed" : "") + "]";
    }
}
