package org.realname.gateway.tls.tlcp;

import java.security.Provider;
import java.security.Security;

import org.openeuler.BGMProvider;
import org.realname.gateway.crypto.GmProvider;

/**
 * Registers openEuler's BGMProvider, the gateway's TLCP (GM/T 0024) implementation, and hands out
 * the registered instance.
 *
 * <p>Order matters and is fixed here: after every JDK provider, and just <em>ahead of</em>
 * BouncyCastle (registered through {@link GmProvider}, which appends it at the end). BGM's handshake
 * looks its algorithms up in the global list ({@code Cipher "SM2"}, {@code Signature "SM3withSM2"},
 * key generators), so it must be registered, not just held. Registered first it would take over
 * the JVM-wide default {@code SSLContext}, key and trust managers, {@code PKCS12}/{@code JKS} and
 * EC for every other TLS connection (the OIDC client, the provider link in default mode). Behind
 * BouncyCastle, its TLCP key exchange would pick BouncyCastle's {@code Cipher "SM2"}, whose output is
 * the raw C1C2C3 byte string, not GM/T 0009's DER {@code SEQUENCE}: BGM still talks to BGM that
 * way, but no other TLCP implementation understands its ClientKeyExchange (found with gmsse, see
 * TlcpGmsseInteropTest). The gateway's own SM2/SM3/SM4 code asks BouncyCastle by provider object
 * and is not affected by the order. The one exception is
 * {@link SmCurveParameters}, a single-service provider inserted first so the JDK's X.509 code can
 * read SM2 certificates (see there why).
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

    /** Lazy holder: registration happens once per class loader, on first use. */
    private static final class Holder {
        static final Provider INSTANCE = register();
    }

    private static synchronized Provider register() {
        GmProvider.provider();
        Provider curves = Security.getProvider(SmCurveParameters.NAME);
        if (curves != null && curves.getClass() != SmCurveParameters.class) {
            Security.removeProvider(SmCurveParameters.NAME);
            curves = null;
        }
        if (curves == null) {
            Security.insertProviderAt(new SmCurveParameters(), 1);
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
            Security.insertProviderAt(create(), positionOf(GmProvider.NAME));
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

    /** The 1-based position of the named provider, or just past the end when it is not registered. */
    private static int positionOf(String name) {
        Provider[] providers = Security.getProviders();
        for (int i = 0; i < providers.length; i++) {
            if (providers[i].getName().equals(name)) {
                return i + 1;
            }
        }
        return providers.length + 1;
    }

    /** The registered BGMProvider, registering BouncyCastle and then it on first use. */
    public static Provider provider() {
        return Holder.INSTANCE;
    }
}
