package org.realname.gateway.provider.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;
import org.realname.gateway.config.GatewayConfig;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.SignType;

/**
 * The sandbox's development key material, as PEM files in {@code ${gateway.data-dir}/sandbox-keys/}:
 * the registered merchant app's pair ({@code app-private-key.pem}, {@code app-public-key.pem}),
 * which the gateway's client (or any SDK) signs with, and the sandbox's own pair
 * ({@code provider-private-key.pem}, {@code provider-public-key.pem}), which signs answers.
 *
 * <p>Guarantees: a missing pair is generated (RSA 2048) once and then reused; files are written
 * atomically and readable by the owner only where the file system allows; only the folder path
 * is ever logged. Generated at start when the sandbox is enabled, so the client, which reads the
 * same files on first use, finds them.
 */
@ApplicationScoped
public class SandboxKeyMaterial {

    public static final String FOLDER = "sandbox-keys";
    public static final String APP_PRIVATE = "app-private-key.pem";
    public static final String APP_PUBLIC = "app-public-key.pem";
    public static final String PROVIDER_PRIVATE = "provider-private-key.pem";
    public static final String PROVIDER_PUBLIC = "provider-public-key.pem";

    private static final Logger LOG = Logger.getLogger(SandboxKeyMaterial.class);

    private final Path folder;
    private final SandboxConfig config;
    private volatile Keys keys;

    public SandboxKeyMaterial(GatewayConfig gateway, SandboxConfig config) {
        this.folder = gateway.dataDir().resolve(FOLDER);
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            keys();
        }
    }

    /** The folder holding the four files. */
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
        boolean generated = ensurePair(APP_PRIVATE, APP_PUBLIC);
        generated |= ensurePair(PROVIDER_PRIVATE, PROVIDER_PUBLIC);
        LOG.infof(generated ? "Sandbox key material generated in %s" : "Sandbox key material reused from %s",
                folder.toAbsolutePath());
        return new Keys(
                PemKeys.readPublicKey(folder.resolve(APP_PUBLIC), SignType.RSA2),
                PemKeys.readPrivateKey(folder.resolve(PROVIDER_PRIVATE), SignType.RSA2));
    }

    /** Writes a fresh pair unless both files exist; a lone half is replaced, since it cannot be matched. */
    private boolean ensurePair(String privateName, String publicName) throws IOException {
        Path privateFile = folder.resolve(privateName);
        Path publicFile = folder.resolve(publicName);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return false;
        }
        KeyPair pair = PemKeys.generateRsa();
        // Public first: a reader that sees the private file can rely on its public half being there.
        PemKeys.writeOwnerOnly(publicFile, PemKeys.toPem(pair.getPublic()));
        PemKeys.writeOwnerOnly(privateFile, PemKeys.toPem(pair.getPrivate()));
        return true;
    }

    /**
     * What the sandbox needs: the registered app's public key (verifies requests) and its own
     * private key (signs answers).
     */
    public record Keys(PublicKey appPublicKey, PrivateKey providerPrivateKey) {
        @Override
        public String toString() {
            return "SandboxKeyMaterial.Keys[redacted]";
        }
    }
}
