package org.realname.gateway.provider;

import java.net.URI;

import org.realname.gateway.identity.IdNumber;
import org.realname.gateway.identity.PersonName;

/**
 * What a provider needs to start a verification.
 *
 * @param sessionId the gateway's session id
 * @param orderNumber the merchant order number of this start (Alipay's {@code outer_order_no}), unique,
 *        at most 32 alphanumerics: the session id for a session's first start, a fresh one for any
 *        further start, because the provider accepts each order number once and a start whose
 *        answer was lost (a timeout, a crash) may have spent it
 * @param name the person's legal name
 * @param idNumber the person's resident ID number
 * @param returnUrl where the provider sends the browser when the capture ends
 */
public record VerificationStart(String sessionId, String orderNumber, PersonName name, IdNumber idNumber, URI returnUrl) {

    /** A session's first start: its id is the order number. */
    public VerificationStart(String sessionId, PersonName name, IdNumber idNumber, URI returnUrl) {
        this(sessionId, sessionId, name, idNumber, returnUrl);
    }
}
