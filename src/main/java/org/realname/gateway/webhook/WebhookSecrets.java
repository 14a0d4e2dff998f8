package org.realname.gateway.webhook;

import org.realname.gateway.tenant.AccountRef;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.realname.gateway.keys.AccountKeys;
import org.realname.gateway.keys.IdentityCipher;
import org.realname.gateway.keys.SealedValue;

/**
 * Makes, seals and opens endpoint secrets. A secret is {@code whsec_} + 43 base64url characters
 * (256 random bits); receivers key HMAC-SM3 with its UTF-8 bytes as shown.
 *
 * <p>Sealing reuses the envelope encryption of personal data ({@link IdentityCipher}): SM4-GCM
 * under a data key of its own for each subscription (key owner {@code webhook/<id>}), wrapped
 * by the ACTIVE KEK and so re-wrapped by the existing job after a KEK rotation. The associated
 * data binds each ciphertext to its row and column. Deleting a subscription destroys its data
 * key ({@link #destroy}), so a database copy made earlier no longer opens the secret either.
 * Call inside a transaction.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    static final String CURRENT = "secret";
    static final String PREVIOUS = "previous_secret";

    private final IdentityCipher cipher;
    private final AccountKeys accountKeys;

    public WebhookSecrets(IdentityCipher cipher, AccountKeys accountKeys) {
        this.cipher = cipher;
        this.accountKeys = accountKeys;
    }

    /** A fresh secret, 256 bits from SecureRandom. */
    public String newSecret() {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    SealedValue seal(String subscriptionId, String column, String secret) {
        return cipher.seal(AccountRef.ofDefault(keyOwner(subscriptionId)), secret, aad(subscriptionId, column));
    }

    String open(String subscriptionId, String column, String keyId, byte[] sealed) {
        return cipher.open(AccountRef.ofDefault(keyOwner(subscriptionId)), new SealedValue(keyId, sealed), aad(subscriptionId, column));
    }

    /** Crypto-shreds the subscription's data key: its secrets never open again. */
    void destroy(String subscriptionId) {
        accountKeys.shred(AccountRef.ofDefault(keyOwner(subscriptionId)));
    }

    /** The account_key row that holds this subscription's data key (never a real account id: those cannot contain a slash). */
    static String keyOwner(String subscriptionId) {
        return "webhook/" + subscriptionId;
    }

    private static String aad(String subscriptionId, String column) {
        return "webhook_subscription:" + column + ":" + subscriptionId;
    }
}
