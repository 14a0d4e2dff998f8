package org.realname.gateway.tls.tlcp;

import java.security.Provider;
import java.security.Security;

import org.openeuler.BGMProvider;
import org.realname.gateway.crypto.GmProvider;

/**
 * Registers openEuler's BGMProvider, the gateway's TLCP (GM/T 0024) implementation, and hands out
 * the registered instance.
 *
 * <p>Order matters and is fixed here: BouncyCastle (through {@link GmProvider}, appended at the end
 * of the JVM list), then BGMProvider appended after it, and {@link TlcpPriorityServices} first. BGM's
 * handshake looks its algorithms up in the global list, so it must be registered, not just held;
 * registered first it would take over the JVM-wide default {@code SSLContext}, key and trust
 * managers, {@code PKCS12}/{@code JKS} and EC for every other TLS connection (the OIDC client, the
 * provider link in default mode). Appended last it only answers what nobody before it offers:
 * {@code GMTLS} and its TLCP-specific algorithms. The two services TLCP needs from BGM ahead of
 * the JDK and BouncyCastle come through {@link TlcpPriorityServices} (see there why). The
 * gateway's own SM2/SM3/SM4 code asks BouncyCastle by provider object and is not affected.
 *
 * <p>BGM needs JVM flags ({@code --add-exports}/{@code --add-opens}, see docs/gm-tls.md): without
 * them its constructor fails, which surfaces here as an {@link IllegalStateException} naming them.
 */
public final class TlcpProviders {

    /** The JSSE protocol name of TLCP in BGMProvider. */
    public static final String PROTOCOL = "GMTLS";
    /** The name BGMProvider registers under. */
    public static final String NAME = "BGMProvider";

    private TlcpProviders() {
    }

    /**
     * Registers what is missing and answers the registered BGMProvider. Checked on every call, not
     * once: when several class loaders share the JVM (Quarkus test applications, dev-mode reloads)
     * another one may have replaced the global instances since, and BGM finds its own services only
     * through the global list. Called per context, not per handshake, so the two look-ups cost nothing.
     */
    private static synchronized Provider register() {
        GmProvider.provider();
        Provider curves = Security.getProvider(TlcpPriorityServices.NAME);
        if (curves != null && curves.getClass() != TlcpPriorityServices.class) {
            Security.removeProvider(TlcpPriorityServices.NAME);
            curves = null;
        }
        if (curves == null) {
            Security.insertProviderAt(new TlcpPriorityServices(), 1);
        }
        Provider registered = Security.getProvider(NAME);
        if (registered != null && registered.getClass() != BGMProvider.class) {
            // Registered by another class loader (a previous Quarkus test application or dev-mode
            // reload) whose classes may be closed: BGM resolves its own services through the
            // global list, so the stale instance must make way for ours.
            Security.removeProvider(NAME);
            registered = null;
        }
        if (registered == null) {
            Security.addProvider(create());
        }
        return Security.getProvider(NAME);
    }

    private static Provider create() {
        try {
            return new BGMProvider();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("BGMProvider (TLCP) could not be created: start the JVM with the "
                    + "--add-exports/--add-opens flags listed in docs/gm-tls.md", e);
        }
    }

    /** The registered BGMProvider of this class loader, registering BouncyCastle and then it if needed. */
    public static Provider provider() {
        return register();
    }
}
