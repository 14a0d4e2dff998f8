package org.realname.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.realname.gateway.shared.Roles;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.keys.KeyKind;
import org.realname.gateway.keys.KeyRingService;
import org.realname.gateway.keys.KeyRingView;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signing certificates that checkpoint (and receipt) signatures verify under: every ACTIVE
 * and PASSIVE signing key, as one PEM file, for the offline check of a dump ({@code AuditDumpCli}).
 * Each certificate's subject names its key id ({@code CN=realname-gateway <key id>}).
 */
@Path("/api/v1/audit/certificates")
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "audit")
public class AuditCertificatesResource {

    static final String PEM = "application/x-pem-file";

    private final KeyRingService keyRing;
    private final AuditTrail trail;
    private final SecurityIdentity caller;

    public AuditCertificatesResource(KeyRingService keyRing, AuditTrail trail, SecurityIdentity caller) {
        this.keyRing = keyRing;
        this.trail = trail;
        this.caller = caller;
    }

    @GET
    @Produces(PEM)
    @Operation(summary = "The signing certificates (PEM) for checking checkpoints and receipts offline")
    public String certificates() {
        StringBuilder pem = new StringBuilder();
        for (KeyRingView.Version v : keyRing.status().versions()) {
            if (v.kind() == KeyKind.SIGNING && v.status().verifies()) {
                pem.append(pem(v.keyId()));
            }
        }
        trail.record(AuditTrail.actorOf(caller.getPrincipal().getName()), Roles.AUDITOR, AuditEventType.AUDIT_QUERIED,
                "signing_certificates", null, null);
        return pem.toString();
    }

    private String pem(String keyId) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keyRing.certificate(keyId).getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "A signing certificate could not be encoded", e);
        }
    }
}
