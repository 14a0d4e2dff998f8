package org.realname.gateway.webhook;

/** The settings {@link WebhookUrlPolicy} applies, taken from {@link WebhookConfig}. */
public record UrlRules(boolean httpsOnly, boolean allowPrivateAddresses, int maxLength) {

    public static UrlRules of(WebhookConfig config) {
        return new UrlRules(config.httpsOnly(), config.allowPrivateAddresses(), config.maxUrlLength());
    }
}
