package org.realname.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.config.GatewayConfig;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.SignType;

/**
 * The development issuer's RSA key pair, generated on first start and kept as PEM files so that
 * tokens stay valid across restarts of the embedded default. Loaded lazily: nothing is created
 * when the issuer is disabled.
 */
@ApplicationScoped
public class DevIssuerKeys {

    private static final Logger LOG = Logger.getLogger(DevIssuerKeys.class);

    private final Path dir;
    private volatile KeyPair keyPair;

    public DevIssuerKeys(DevIssuerConfig config, GatewayConfig gateway) {
        this.dir = config.keyDir().orElse(gateway.dataDir().resolve("dev-issuer"));
    }

    public KeyPair keyPair() {
        KeyPair kp = keyPair;
        if (kp == null) {
            synchronized (this) {
                if (keyPair == null) {
                    keyPair = loadOrCreate();
                }
                kp = keyPair;
            }
        }
        return kp;
    }

    /** The public key as base64 DER (X.509 SubjectPublicKeyInfo), the form quarkus-oidc accepts. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair().getPublic().getEncoded());
    }

    private KeyPair loadOrCreate() {
        Path privateFile = dir.resolve("issuer-private-key.pem");
        Path publicFile = dir.resolve("issuer-public-key.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                // RS256 tokens use the same RSA key form as the provider protocol's RSA2.
                PrivateKey priv = PemKeys.readPrivateKey(privateFile, SignType.RSA2);
                PublicKey pub = PemKeys.readPublicKey(publicFile, SignType.RSA2);
                return new KeyPair(pub, priv);
            }
            KeyPair kp = PemKeys.generateRsa();
            PemKeys.writeOwnerOnly(privateFile, PemKeys.toPem(kp.getPrivate()));
            PemKeys.writeOwnerOnly(publicFile, PemKeys.toPem(kp.getPublic()));
            LOG.infof("Generated the development token issuer key pair in %s", dir);
            return kp;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot load or create the development issuer key pair in " + dir, e);
        }
    }
}
