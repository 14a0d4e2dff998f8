package org.realname.gateway.consent;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.realname.gateway.keys.SealedValue;

/**
 * Proof that the user agreed to a given version of the rules before any provider call: which
 * rules (version, effective date, SM3 digest of the exact text shown), when, for which session,
 * through which channel, and for a child under the guardian age the guardian's declaration
 * (relation in plain, name only sealed under the account's data key, so erasure shreds it too).
 * Written once, never updated.
 */
@Entity
@Table(name = "consent_record")
public class ConsentRecord {

    public static final String TABLE = "consent_record";

    @Id
    private String id;
    @Column(name = "session_id", nullable = false, updatable = false)
    private String sessionId;
    @Column(name = "rules_version", nullable = false, updatable = false)
    private String rulesVersion;
    @Column(name = "rules_effective_date", nullable = false, updatable = false)
    private LocalDate rulesEffectiveDate;
    @Column(name = "rules_digest", nullable = false, updatable = false)
    private String rulesDigest;
    @Column(name = "rules_digest_algorithm", nullable = false, updatable = false)
    private String rulesDigestAlgorithm;
    @Column(name = "consented_at", nullable = false, updatable = false)
    private Instant consentedAt;
    @Column(name = "channel", updatable = false)
    private String channel;
    /** The verification provider the shown rules named (null for rules that named none). */
    @Column(name = "provider_name", updatable = false)
    private String providerName;
    @Column(name = "guardian_relation", updatable = false)
    private String guardianRelation;
    @Column(name = "guardian_key_id", updatable = false)
    private String guardianKeyId;
    @Column(name = "guardian_name_ciphertext", updatable = false)
    private byte[] guardianNameCiphertext;

    protected ConsentRecord() {
        // for JPA
    }

    public ConsentRecord(String id, String sessionId, ConsentRules.Rules rules, Instant consentedAt, ConsentChannel channel) {
        this.id = id;
        this.sessionId = sessionId;
        this.rulesVersion = rules.version();
        this.rulesEffectiveDate = rules.effectiveDate();
        this.rulesDigest = rules.digest();
        this.rulesDigestAlgorithm = ConsentRules.DIGEST_ALGORITHM;
        this.providerName = rules.providerName().orElse(null);
        this.consentedAt = consentedAt;
        this.channel = channel.slug();
    }

    /** Adds the guardian's declaration; {@code sealedName} is the guardian's name sealed for this record. */
    void guardian(GuardianRelation relation, SealedValue sealedName) {
        this.guardianRelation = relation.slug();
        this.guardianKeyId = sealedName.keyId();
        this.guardianNameCiphertext = sealedName.ciphertext();
    }

    public String id() { return id; }
    public String sessionId() { return sessionId; }
    public String rulesVersion() { return rulesVersion; }
    public LocalDate rulesEffectiveDate() { return rulesEffectiveDate; }
    public String rulesDigest() { return rulesDigest; }
    public String providerName() { return providerName; }
    public String rulesDigestAlgorithm() { return rulesDigestAlgorithm; }
    public Instant consentedAt() { return consentedAt; }
    public String channel() { return channel; }
    public String guardianRelation() { return guardianRelation; }

    /** The guardian's sealed name, or null when no guardian consent was needed. */
    public SealedValue sealedGuardianName() {
        return guardianNameCiphertext == null ? null : new SealedValue(guardianKeyId, guardianNameCiphertext);
    }

    /** The associated data the guardian name of record {@code id} is sealed with. */
    public static String guardianNameAad(String id) {
        return TABLE + ":guardian_name:" + id;
    }

    @Override
    public String toString() {
        return "ConsentRecord[" + id + ", session " + sessionId + ", rules " + rulesVersion + ", " + channel + "]";
    }
}
