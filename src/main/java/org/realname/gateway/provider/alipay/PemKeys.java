package org.realname.gateway.provider.alipay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.realname.gateway.crypto.GmProvider;

/**
 * Reads and writes the protocol's keys: PKCS#8 private keys and X.509 SubjectPublicKeyInfo public
 * keys, as PEM files ({@code -----BEGIN PRIVATE KEY-----}) or, as the Alipay console hands them
 * out, bare base64 DER. Generates RSA 2048 and SM2 key pairs for the sandbox.
 *
 * <p>Guarantees: a key is returned only if it fits the sign type it was read for: RSA of at
 * least {@value #RSA_BITS} bits for {@code RSA2}; an EC key on {@value #SM2_CURVE} for {@code SM2}
 * (another curve, such as P-256, would sign happily and be refused by every peer). Errors name the
 * file and what was wrong, never key bytes.
 */
public final class PemKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";
    /** The protocol's RSA2 key size; smaller keys are refused on load. */
    public static final int RSA_BITS = 2048;
    /** The SM2 curve of GB/T 32918.5 (BouncyCastle's name), the only curve {@code SM2} keys may use. */
    public static final String SM2_CURVE = "sm2p256v1";

    private PemKeys() {
    }

    public static PrivateKey readPrivateKey(Path file, SignType type) throws IOException {
        byte[] der = readDer(file, PRIVATE);
        try {
            PrivateKey key = type.keyFactory().generatePrivate(new PKCS8EncodedKeySpec(der));
            checkFits(type, key, file);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IOException("Not a PKCS#8 " + type + " private key: " + file, e);
        }
    }

    public static PublicKey readPublicKey(Path file, SignType type) throws IOException {
        byte[] der = readDer(file, PUBLIC);
        try {
            PublicKey key = type.keyFactory().generatePublic(new X509EncodedKeySpec(der));
            checkFits(type, key, file);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IOException("Not an X.509 " + type + " public key: " + file, e);
        }
    }

    /** A new RSA 2048 key pair from a strong random source. */
    public static KeyPair generateRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** A new SM2 key pair ({@code EC} on {@value #SM2_CURVE}, BouncyCastle) from a strong random source. */
    public static KeyPair generateSm2() {
        try {
            KeyPairGenerator generator = GmProvider.keyPairGenerator("EC");
            generator.initialize(new ECGenParameterSpec(SM2_CURVE), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 key generation is not available", e);
        }
    }

    /** A new key pair for {@code type}. */
    public static KeyPair generate(SignType type) {
        return switch (type) {
            case RSA2 -> generateRsa();
            case SM2 -> generateSm2();
        };
    }

    /** The PEM text of a private key (PKCS#8) or public key (SubjectPublicKeyInfo). */
    public static String toPem(java.security.Key key) {
        String label = key instanceof PrivateKey ? PRIVATE : PUBLIC;
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * Writes {@code pem} so that no reader ever sees a half-written file (temporary file, then an
     * atomic rename) and, where the file system supports it, only the owner can read it.
     */
    public static void writeOwnerOnly(Path file, String pem) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Owner read/write only on POSIX file systems; elsewhere the folder's ACL applies. */
    public static void restrictToOwner(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            boolean dir = Files.isDirectory(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(dir ? "rwx------" : "rw-------"));
        }
    }

    private static byte[] readDer(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        String body;
        if (from >= 0) {
            int to = text.indexOf(end, from);
            if (to < 0) {
                throw new IOException("Unterminated PEM block in " + file);
            }
            body = text.substring(from + begin.length(), to);
        } else if (text.contains("-----BEGIN")) {
            throw new IOException("Expected a PEM block '" + label + "' in " + file);
        } else {
            body = text; // bare base64 DER, as the Alipay console exports keys
        }
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid base64 in " + file, e);
        }
    }

    private static void checkFits(SignType type, java.security.Key key, Path file) throws IOException {
        switch (type) {
            case RSA2 -> {
                if (!(key instanceof RSAKey rsa) || rsa.getModulus().bitLength() < RSA_BITS) {
                    throw new IOException("RSA key shorter than " + RSA_BITS + " bits: " + file);
                }
            }
            case SM2 -> {
                if (!(key instanceof ECKey ec) || !isSm2Curve(ec.getParams())) {
                    throw new IOException("EC key not on " + SM2_CURVE + ": " + file);
                }
            }
        }
    }

    /** Compares the domain parameters themselves, so explicitly encoded parameters count too. */
    private static boolean isSm2Curve(ECParameterSpec params) {
        if (params == null) {
            return false;
        }
        ECParameterSpec sm2 = Sm2Curve.PARAMS;
        return sm2.getCurve().equals(params.getCurve()) && sm2.getOrder().equals(params.getOrder())
                && sm2.getGenerator().equals(params.getGenerator()) && sm2.getCofactor() == params.getCofactor();
    }

    /** Lazy holder: BouncyCastle is looked up only when an SM2 key is first checked. */
    private static final class Sm2Curve {
        static final ECParameterSpec PARAMS = load();

        private static ECParameterSpec load() {
            try {
                AlgorithmParameters parameters = GmProvider.algorithmParameters("EC");
                parameters.init(new ECGenParameterSpec(SM2_CURVE));
                return parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The " + SM2_CURVE + " parameters are not available", e);
            }
        }
    }
}
