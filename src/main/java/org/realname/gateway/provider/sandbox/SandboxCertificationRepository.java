package org.realname.gateway.provider.sandbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Sandbox verifications by {@code certify_id}. */
@ApplicationScoped
public class SandboxCertificationRepository implements PanacheRepositoryBase<SandboxCertification, String> {

    public boolean existsOrder(String appId, String outerOrderNo) {
        return count("appId = ?1 and outerOrderNo = ?2", appId, outerOrderNo) > 0;
    }

    /** The verification, only if it belongs to {@code appId}: another app's id reads as unknown. */
    public Optional<SandboxCertification> findForApp(String certifyId, String appId) {
        return findByIdOptional(certifyId).filter(c -> c.appId().equals(appId));
    }
}
