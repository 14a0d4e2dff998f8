package org.realname.gateway.provider;

import java.net.URI;

/**
 * A verification the provider has accepted.
 *
 * @param providerReference the provider's id for it (Alipay's {@code certify_id}); not personal data
 * @param redirectUrl where the browser goes to do the face capture
 */
public record StartedVerification(String providerReference, URI redirectUrl) {
}
