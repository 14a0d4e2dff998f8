package org.realname.gateway.provider;

/**
 * A face-verification provider: something that compares a live face capture with the
 * authoritative identity source and answers only pass or fail. One implementation per vendor;
 * the session code sees only this interface and its vendor-neutral records.
 *
 * <p>Implementations never persist or log the identity they are given, nor any material the
 * provider returns beyond the outcome.
 */
public interface FaceVerificationProvider {

    /** Stable id stored with each session and result ({@code "alipay"}). */
    String id();

    /**
     * Starts a verification at the provider. Called after consent, outside any database
     * transaction.
     *
     * @throws ProviderException when the provider refuses or cannot be reached
     */
    StartedVerification start(VerificationStart request);

    /**
     * Asks the provider for the outcome of a started verification. Safe to repeat.
     *
     * @throws ProviderException when the provider refuses or cannot be reached
     */
    ProviderOutcome fetchOutcome(String providerReference);

    /**
     * A link that opens the capture page in the provider's own mobile app, for providers whose
     * capture runs only there (Alipay's {@code alipays://} scheme). Shown as a QR code to desktop
     * browsers. Empty when the provider's page works in any browser.
     */
    default java.util.Optional<java.net.URI> appLink(java.net.URI redirectUrl) {
        return java.util.Optional.empty();
    }
}
