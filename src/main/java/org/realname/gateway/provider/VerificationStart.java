package org.realname.gateway.provider;

import java.net.URI;

import org.realname.gateway.privacy.IdNumber;
import org.realname.gateway.privacy.PersonName;

/**
 * What a provider needs to start a verification.
 *
 * @param sessionId the gateway's session id, unique, at most 32 alphanumerics (the merchant order number)
 * @param name the person's legal name
 * @param idNumber the person's resident ID number
 * @param returnUrl where the provider sends the browser when the capture ends
 */
public record VerificationStart(String sessionId, PersonName name, IdNumber idNumber, URI returnUrl) {
}
