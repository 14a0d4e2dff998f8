package org.realname.gateway.provider.sandbox;

/** Where a sandbox verification stands. */
public enum CertificationState {
    /** Initialised; the user has not finished the capture. */
    INIT,
    /** The capture matched. */
    PASSED,
    /** The capture did not match. */
    FAILED
}
