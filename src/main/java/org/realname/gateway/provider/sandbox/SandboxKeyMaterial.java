package org.realname.gateway.provider.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;
import org.realname.gateway.config.GatewayConfig;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.SignType;

/**
 * The sandbox's development key material, as PEM files in {@code ${gateway.data-dir}/sandbox-keys/},
 * one set per sign type ({@code <T>} is {@code RSA2} or {@code SM2}): the registered merchant
 * app's pair ({@code app-<T>-private-key.pem}, {@code app-<T>-public-key.pem}), which the gateway's
 * client (or any SDK) signs with, and the sandbox's own pair ({@code provider-<T>-private-key.pem},
 * {@code provider-<T>-public-key.pem}), which signs answers. The names carry the sign type exactly
 * as the protocol spells it, so {@code application.properties} can pick the client's files by
 * interpolating {@code gateway.provider.alipay.sign-type}.
 *
 * <p>Guarantees: a missing pair is generated (RSA 2048, or SM2 on {@code sm2p256v1}) once and
 * then reused; files are written atomically and readable by the owner only where the file system
 * allows; only the folder path is ever logged. Generated at start when the sandbox is enabled,
 * so the client, which reads the same files on first use, finds them.
 */
@ApplicationScoped
public class SandboxKeyMaterial {

    public static final String FOLDER = "sandbox-keys";

    private static final Logger LOG = Logger.getLogger(SandboxKeyMaterial.class);

    private final Path folder;
    private final SandboxConfig config;
    private volatile Keys keys;

    public SandboxKeyMaterial(GatewayConfig gateway, SandboxConfig config) {
        this.folder = gateway.dataDir().resolve(FOLDER);
        this.config = config;
    }

    /** The merchant app's private key file name for {@code type}, e.g. {@code app-SM2-private-key.pem}. */
    public static String appPrivate(SignType type) {
        return "app-" + type.name() + "-private-key.pem";
    }

    /** The merchant app's public key file name for {@code type}: the sandbox verifies requests with it. */
    public static String appPublic(SignType type) {
        return "app-" + type.name() + "-public-key.pem";
    }

    /** The sandbox's private key file name for {@code type}: signs answers. */
    public static String providerPrivate(SignType type) {
        return "provider-" + type.name() + "-private-key.pem";
    }

    /** The sandbox's public key file name for {@code type}: clients verify answers with it. */
    public static String providerPublic(SignType type) {
        return "provider-" + type.name() + "-public-key.pem";
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            keys();
        }
    }

    /** The folder holding the key files. */
    public Path folder() {
        return folder;
    }

    /** The keys the sandbox uses, generating missing files first. */
    public Keys keys() {
        Keys k = keys;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (keys == null) {
                try {
                    keys = loadOrGenerate();
                } catch (IOException e) {
                    throw new UncheckedIOException("Sandbox key material unusable in " + folder, e);
                }
            }
            return keys;
        }
    }

    private Keys loadOrGenerate() throws IOException {
        Files.createDirectories(folder);
        PemKeys.restrictToOwner(folder);
        boolean generated = false;
        Map<SignType, PublicKey> appKeys = new EnumMap<>(SignType.class);
        Map<SignType, PrivateKey> providerKeys = new EnumMap<>(SignType.class);
        for (SignType type : SignType.values()) {
            generated |= ensurePair(type, appPrivate(type), appPublic(type));
            generated |= ensurePair(type, providerPrivate(type), providerPublic(type));
            appKeys.put(type, PemKeys.readPublicKey(folder.resolve(appPublic(type)), type));
            providerKeys.put(type, PemKeys.readPrivateKey(folder.resolve(providerPrivate(type)), type));
        }
        LOG.infof(generated ? "Sandbox key material generated in %s" : "Sandbox key material reused from %s",
                folder.toAbsolutePath());
        return new Keys(appKeys, providerKeys);
    }

    /** Writes a fresh pair unless both files exist; a lone half is replaced, since it cannot be matched. */
    private boolean ensurePair(SignType type, String privateName, String publicName) throws IOException {
        Path privateFile = folder.resolve(privateName);
        Path publicFile = folder.resolve(publicName);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return false;
        }
        KeyPair pair = PemKeys.generate(type);
        // Public first: a reader that sees the private file can rely on its public half being there.
        PemKeys.writeOwnerOnly(publicFile, PemKeys.toPem(pair.getPublic()));
        PemKeys.writeOwnerOnly(privateFile, PemKeys.toPem(pair.getPrivate()));
        return true;
    }

    /**
     * What the sandbox needs, per sign type: the registered app's public key (verifies requests)
     * and its own private key (signs answers). Every {@link SignType} has both.
     */
    public record Keys(Map<SignType, PublicKey> appPublicKeys, Map<SignType, PrivateKey> providerPrivateKeys) {

        public Keys {
            appPublicKeys = Collections.unmodifiableMap(new EnumMap<>(appPublicKeys));
            providerPrivateKeys = Collections.unmodifiableMap(new EnumMap<>(providerPrivateKeys));
        }

        public PrivateKey providerPrivateKey(SignType type) {
            return providerPrivateKeys.get(type);
        }

        @Override
        public String toString() {
            return "SandboxKeyMaterial.Keys[redacted]";
        }
    }
}
