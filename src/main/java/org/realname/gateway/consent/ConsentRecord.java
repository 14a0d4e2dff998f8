package org.realname.gateway.consent;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Proof that the user agreed to a given version of the rules before any provider call. */
@Entity
@Table(name = "consent_record")
public class ConsentRecord {

    @Id
    private String id;
    @Column(name = "session_id", nullable = false)
    private String sessionId;
    @Column(name = "rules_version", nullable = false)
    private String rulesVersion;
    @Column(name = "rules_effective_date", nullable = false)
    private LocalDate rulesEffectiveDate;
    @Column(name = "rules_digest", nullable = false)
    private String rulesDigest;
    @Column(name = "consented_at", nullable = false)
    private Instant consentedAt;

    protected ConsentRecord() {
        // for JPA
    }

    public ConsentRecord(String id, String sessionId, ConsentRules.Rules rules, Instant consentedAt) {
        this.id = id;
        this.sessionId = sessionId;
        this.rulesVersion = rules.version();
        this.rulesEffectiveDate = rules.effectiveDate();
        this.rulesDigest = rules.digest();
        this.consentedAt = consentedAt;
    }

    public String id() { return id; }
    public String sessionId() { return sessionId; }
    public String rulesVersion() { return rulesVersion; }
    public LocalDate rulesEffectiveDate() { return rulesEffectiveDate; }
    public String rulesDigest() { return rulesDigest; }
    public Instant consentedAt() { return consentedAt; }
}
