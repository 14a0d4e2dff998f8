package org.realname.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.PersonName;
import org.realname.gateway.support.IdentityRefusals;
import org.realname.gateway.support.NoPersonalData;
import org.realname.gateway.web.EndpointJson;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.realname.gateway.shared.Purpose;

/**
 * {@code POST /api/v1/verifications}: any body either binds and then passes or fails the
 * service's input checks (in their order, before anything touches the database) with a typed
 * refusal, or is refused by the JSON reader; no refusal quotes the name or ID number sent.
 */
class CreateVerificationRequestFuzzTest {

    private static final Set<String> MEMBERS = Set.of("account_id", "purpose", "return_url", "name", "id_number");
    private static final String ACCOUNT_ID_PATTERN = VerificationService.ACCOUNT_ID_PATTERN;

    private final EndpointJson json = new EndpointJson();
    private final ReturnUrlPolicy returnUrls = new ReturnUrlPolicy(config(List.of("https://platform.example")));

    @FuzzTest
    void bodyBindsAndValidatesOrIsRefusedWithoutPersonalData(byte[] body) {
        Optional<CreateVerificationRequest> bound = json.bindOrRefuse(body, CreateVerificationRequest.class, MEMBERS);
        if (bound.isEmpty()) {
            return;
        }
        CreateVerificationRequest r = bound.get();
        try {
            validate(r);
        } catch (GatewayException e) {
            if (e.code() != ErrorCode.INVALID_REQUEST && e.code() != ErrorCode.RETURN_URL_NOT_ALLOWED
                    && e.code() != ErrorCode.INVALID_NAME && e.code() != ErrorCode.INVALID_ID_NUMBER) {
                fail("unexpected refusal code " + e.code());
            }
            // The checks run in order and only the last two see the name or ID number: their
            // details come from closed sets; the earlier ones cannot quote what they never read.
            if (e.code() == ErrorCode.INVALID_NAME) {
                assertTrue(IdentityRefusals.NAME.contains(e.detail()), "a name refusal outside the fixed sentences");
            } else if (e.code() == ErrorCode.INVALID_ID_NUMBER) {
                assertTrue(IdentityRefusals.ID_NUMBER.contains(e.detail()), "an ID number refusal outside the fixed sentences");
            }
            NoPersonalData.assertAbsent("refusal detail", e.detail());
            assertEquals(e.detail(), e.getMessage(), "the message is the detail");
        }
        // Exactly the account id and purpose when they are valid ones (not personal data by
        // definition, though a name may be spelled inside one), nothing of the body otherwise.
        boolean validAccount = r.accountId() != null && r.accountId().matches(ACCOUNT_ID_PATTERN);
        boolean validPurpose = "SIGNUP".equals(r.purpose()) || "REVERIFY".equals(r.purpose());
        assertEquals("CreateVerificationRequest[" + (validAccount ? r.accountId() : "(invalid)") + ", "
                + (validPurpose ? r.purpose() : "(invalid)") + "]", r.toString(), "toString shows nothing else");
    }

    /**
     * {@code VerificationService.create}'s checks before its transaction, in the same order and
     * through the same validators ({@code ReturnUrlPolicy}, {@code PersonName}, {@code IdNumber}).
     */
    private void validate(CreateVerificationRequest r) {
        if (r.accountId() == null || !r.accountId().matches(ACCOUNT_ID_PATTERN)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "account_id");
        }
        Purpose purpose;
        try {
            purpose = Purpose.valueOf(String.valueOf(r.purpose()));
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "purpose");
        }
        returnUrls.check(r.returnUrl());
        if (purpose == Purpose.REVERIFY) {
            if (r.name() != null || r.idNumber() != null) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "REVERIFY with identity");
            }
            return;
        }
        PersonName name = PersonName.parse(r.name());
        IdNumber id = IdNumber.parse(r.idNumber());
        // A valid identity's own text forms are masked, keeping the shape.
        assertEquals(name.reveal().codePointCount(0, name.reveal().length()),
                name.toString().codePointCount(0, name.toString().length()), "a masked name keeps its length");
        assertEquals(18, id.toString().length(), "a masked ID number keeps its length");
        assertEquals(11, id.toString().chars().filter(c -> c == '*').count(), "a masked ID number hides 11 digits");
    }

    private static SessionConfig config(List<String> origins) {
        return (SessionConfig) Proxy.newProxyInstance(SessionConfig.class.getClassLoader(),
                new Class<?>[] {SessionConfig.class},
                (p, m, a) -> m.getName().equals("allowedReturnOrigins") ? origins : null);
    }
}
