package org.realname.gateway.tls;

/**
 * Announced (a CDI event, synchronous) by {@link TlsStartupGuard} once the TLS settings passed
 * and the listener's material exists. Checks of TLS set up elsewhere, such as the provider link's,
 * observe it rather than being called from here: they may trust the listener's generated CA, so
 * they must run after it is made, and this package sits below the code that owns them.
 */
public record TlsStartupChecked() {
}
