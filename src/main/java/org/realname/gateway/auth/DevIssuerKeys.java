package org.realname.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.realname.gateway.config.GatewayConfig;
import org.realname.gateway.config.PemFiles;

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
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(PemFiles.read(privateFile, "PRIVATE KEY")));
                PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(PemFiles.read(publicFile, "PUBLIC KEY")));
                return new KeyPair(pub, priv);
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair kp = gen.generateKeyPair();
            PemFiles.writePrivate(privateFile, "PRIVATE KEY", kp.getPrivate().getEncoded());
            PemFiles.write(publicFile, "PUBLIC KEY", kp.getPublic().getEncoded());
            LOG.infof("Generated the development token issuer key pair in %s", dir);
            return kp;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the development issuer key pair in " + dir, e);
        }
    }
}
