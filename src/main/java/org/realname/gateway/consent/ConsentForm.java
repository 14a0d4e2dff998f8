package org.realname.gateway.consent;

/**
 * What the consent form sent: the tick, the rules it showed (version and digest, hidden fields),
 * the channel, and the guardian fields (blank unless the page asked for them).
 */
public record ConsentForm(boolean agreed, String rulesVersion, String rulesDigest, ConsentChannel channel,
        String guardianName, String guardianRelation, boolean guardianAgreed) {

    /** An adult's form: no guardian fields. */
    public static ConsentForm of(boolean agreed, String rulesVersion, String rulesDigest, ConsentChannel channel) {
        return new ConsentForm(agreed, rulesVersion, rulesDigest, channel, null, null, false);
    }

    @Override
    public String toString() {
        // The guardian's name never reaches a log line through this record.
        return "ConsentForm[agreed=" + agreed + ", rules=" + rulesVersion + ", channel=" + channel + "]";
    }
}
