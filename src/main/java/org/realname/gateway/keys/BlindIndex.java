package org.realname.gateway.keys;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.GeneralSecurityException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.realname.gateway.crypto.Mac;
import org.realname.gateway.error.ErrorCode;
import org.realname.gateway.error.GatewayException;
import org.realname.gateway.identity.IdNumber;

/**
 * Deterministic, keyed fingerprints of ID numbers, so that "has this person verified before?"
 * can be answered with an indexed equality lookup although the number itself is stored only
 * encrypted. Without the key the index cannot be recomputed, so an ID number cannot be
 * confirmed by brute force over the (small) ID number space from a database copy alone.
 *
 * <p>The index is lower-case hex HMAC-SM3, under the {@link #keyId()} key, of the normalised
 * 18-character ID number in ASCII (upper-case {@code X}, as {@link IdNumber} stores it). Store
 * the key id beside the index: a new blind-index key means recomputing every index.
 */
@ApplicationScoped
public final class BlindIndex {

    private final String keyId;
    private final Mac mac;

    @Inject
    public BlindIndex(MasterKeySource keys) {
        // One blind-index key, never rotated (a new one means recomputing every index): see KeyKind.
        this.keyId = KeyPurpose.BLIND_INDEX.keyId(1);
        this.mac = keys.blindIndexKey();
    }

    /** The blind index of {@code id}: 64 lower-case hex characters. */
    public String of(IdNumber id) {
        try {
            return HexFormat.of().formatHex(mac.computeMac(id.reveal().getBytes(US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The blind index could not be computed", e);
        }
    }

    /**
     * A keyed digest of {@code value} in a named domain, for recognising repeated personal data
     * (an idempotent request) without keeping it. The domain and a NUL separator come first, so
     * these digests can never equal an ID number's index (ID numbers contain no NUL).
     */
    public String mac(String domain, String value) {
        try {
            byte[] input = (domain + "\u0000" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.computeMac(input));
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "The keyed digest could not be computed", e);
        }
    }

    /** The id of the key the indexes are computed under. */
    public String keyId() {
        return keyId;
    }
}
