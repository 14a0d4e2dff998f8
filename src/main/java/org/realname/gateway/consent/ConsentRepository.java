package org.realname.gateway.consent;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentRecord, String> {

    public Optional<ConsentRecord> findBySession(String sessionId) {
        return find("sessionId", sessionId).firstResultOptional();
    }
}
