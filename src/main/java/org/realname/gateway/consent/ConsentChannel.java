package org.realname.gateway.consent;

/**
 * How the person gave consent, kept on the consent record. The gateway only knows the browser
 * that posted the consent form and whether it then offered the desktop QR hand-off.
 */
public enum ConsentChannel {
    /** A phone or tablet browser (H5 page), sent straight to the provider's page. */
    H5("h5"),
    /** A desktop browser sent straight to the provider's page (hand-off switched off). */
    DESKTOP("desktop"),
    /** A desktop browser that is offered the QR hand-off to the provider's app afterwards. */
    DESKTOP_HANDOFF("desktop-handoff");

    private final String slug;

    ConsentChannel(String slug) {
        this.slug = slug;
    }

    /** The stable value stored in {@code consent_record.channel}. */
    public String slug() {
        return slug;
    }

    public static ConsentChannel of(boolean phone, boolean desktopHandoff) {
        if (phone) {
            return H5;
        }
        return desktopHandoff ? DESKTOP_HANDOFF : DESKTOP;
    }
}
