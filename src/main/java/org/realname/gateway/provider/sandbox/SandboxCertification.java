package org.realname.gateway.provider.sandbox;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One simulated verification. It stands in for the external provider, so it keeps the identity in
 * plain; {@link #toString()} still names only the id and state, so no log line can carry it.
 */
@Entity
@Table(name = "sandbox_certification")
public class SandboxCertification {

    @Id
    @Column(name = "certify_id", length = 32, nullable = false)
    private String certifyId;

    @Column(name = "app_id", length = 32, nullable = false)
    private String appId;

    @Column(name = "outer_order_no", length = 32, nullable = false)
    private String outerOrderNo;

    // Only what the face page shows and the chosen test behaviour: even the simulator keeps no
    // plain identity, so a scan of the embedded default's database finds none.
    @Column(name = "masked_name", length = 128, nullable = false)
    private String maskedName;

    @Enumerated(EnumType.STRING)
    @Column(name = "behaviour", length = 16, nullable = false)
    private SandboxBehaviour behaviour;

    @Column(name = "return_url", length = 2048, nullable = false)
    private String returnUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private CertificationState state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** For JPA. */
    protected SandboxCertification() {
    }

    SandboxCertification(String certifyId, String appId, String outerOrderNo, String maskedName,
            SandboxBehaviour behaviour, String returnUrl, Instant createdAt) {
        this.certifyId = certifyId;
        this.appId = appId;
        this.outerOrderNo = outerOrderNo;
        this.maskedName = maskedName;
        this.behaviour = behaviour;
        this.returnUrl = returnUrl;
        this.state = CertificationState.INIT;
        this.createdAt = createdAt;
    }

    public String certifyId() {
        return certifyId;
    }

    public String appId() {
        return appId;
    }

    public String outerOrderNo() {
        return outerOrderNo;
    }

    String maskedName() {
        return maskedName;
    }

    SandboxBehaviour behaviour() {
        return behaviour;
    }

    public String returnUrl() {
        return returnUrl;
    }

    public CertificationState state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isExpired(Instant now, Duration ttl) {
        return !now.isBefore(createdAt.plus(ttl));
    }

    /** Records the capture's outcome once; later submissions change nothing. */
    void finish(boolean passed, Instant at) {
        if (state == CertificationState.INIT) {
            state = passed ? CertificationState.PASSED : CertificationState.FAILED;
            finishedAt = at;
        }
    }

    /** For tests that simulate the passing of time. */
    void backdate(Duration by) {
        createdAt = createdAt.minus(by);
    }

    @Override
    public String toString() {
        return "SandboxCertification[" + certifyId + ", " + state + "]";
    }
}
