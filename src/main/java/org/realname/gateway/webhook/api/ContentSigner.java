package org.realname.gateway.webhook.api;

import java.security.GeneralSecurityException;

/**
 * Makes the optional SM2 signature (DER, SM3withSM2, default user ID {@code 1234567812345678})
 * over {@code t + "." + raw body}. The gateway plugs its key ring in here; the interface keeps
 * this package free of the gateway's key classes.
 */
@FunctionalInterface
public interface ContentSigner {

    byte[] sign(byte[] content) throws GeneralSecurityException;
}
