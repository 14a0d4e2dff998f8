package org.realname.gateway.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.web.EndpointJson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@code POST /api/v1/audit/results/{id}/unmask}: any body binds and then passes or fails
 * {@link UnmaskRequest#require} with {@code REASON_REQUIRED}, or is refused by the JSON reader
 * (an unknown reason included, without echoing it). What an accepted request writes into the
 * audit trail stays inside the trail's safe character set, so no free text reaches it.
 */
class UnmaskRequestFuzzTest {

    private static final Set<String> MEMBERS = Set.of("reason", "case_reference");
    /** {@code AuditEntry}'s safe set: what an audit value may hold. */
    private static final Pattern AUDIT_SAFE = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");

    private final EndpointJson json = new EndpointJson();

    @FuzzTest
    void bodyBindsAndValidatesOrIsRefused(byte[] body) {
        Optional<UnmaskRequest> bound = json.bindOrRefuse(body, UnmaskRequest.class, MEMBERS);
        if (bound.isEmpty()) {
            return;
        }
        UnmaskRequest r = bound.get();
        try {
            assertEquals(r, UnmaskRequest.require(r));
        } catch (GatewayException e) {
            assertEquals(ErrorCode.REASON_REQUIRED, e.code());
            return;
        }
        assertTrue(AUDIT_SAFE.matcher(r.auditOutcome()).matches(), "the audit outcome is within the safe set");
    }
}
