package org.realname.gateway.crypto;

import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;

import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place the BouncyCastle provider is registered and looked up. Every SM2/SM3/SM4 object
 * in the gateway is created through here, always from this explicit provider instance, so no
 * algorithm silently falls back to another provider that happens to be first in the JVM list.
 *
 * <p>Registration is idempotent: if a provider named {@code "BC"} is already installed by code
 * of this class loader, that instance is used as is. A {@code "BC"} registered from another
 * class loader (a Quarkus application class loader in tests, a dev-mode reload, another
 * deployment in the same JVM) is not used: its algorithms only accept parameter classes of
 * their own loader, so {@code SM2ParameterSpec} from ours fails with "only SM2ParameterSpec
 * supported". A private, unregistered instance is used instead; that works because everything
 * here asks for algorithms by provider object, never by name. BouncyCastle is appended at the
 * end of the list, never inserted first, so it does not take over the JVM-wide defaults of
 * other code.
 */
public final class GmProvider {

    /** The BouncyCastle provider name, {@code "BC"}. */
    public static final String NAME = BouncyCastleProvider.PROVIDER_NAME;

    private GmProvider() {
    }

    /**
     * Lazy holder: the JVM initialises it once, thread-safely, on first use. This is the one
     * sanctioned piece of static state in the project (the JCA provider list is itself global).
     */
    private static final class Holder {
        static final Provider INSTANCE = register();
    }

    private static Provider register() {
        // Security.addProvider returns -1 and changes nothing when the name is already taken,
        // so a concurrent registration elsewhere is harmless: we re-read whichever won.
        if (Security.getProvider(NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        return usable(Security.getProvider(NAME));
    }

    /**
     * {@code registered} if it is BouncyCastle from this class loader, else a private instance
     * that is. Package-private for the test that simulates a foreign registration.
     */
    static Provider usable(Provider registered) {
        if (registered != null && registered.getClass() == BouncyCastleProvider.class) {
            return registered;
        }
        return new BouncyCastleProvider();
    }

    /** The registered BouncyCastle provider, registering it first if needed. */
    public static Provider provider() {
        return Holder.INSTANCE;
    }

    /** A new {@link Cipher} from BouncyCastle, for example {@code "SM4/GCM/NoPadding"}. */
    public static Cipher cipher(String transformation) throws NoSuchAlgorithmException, NoSuchPaddingException {
        return Cipher.getInstance(transformation, provider());
    }

    /** A new JCA {@link javax.crypto.Mac} from BouncyCastle, for example {@code "HMACSM3"}. */
    public static javax.crypto.Mac mac(String algorithm) throws NoSuchAlgorithmException {
        return javax.crypto.Mac.getInstance(algorithm, provider());
    }

    /** A new {@link MessageDigest} from BouncyCastle, for example {@code "SM3"}. */
    public static MessageDigest messageDigest(String algorithm) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(algorithm, provider());
    }

    /** A new, unloaded {@link KeyStore} from BouncyCastle, for example {@code "BCFKS"}. */
    public static KeyStore keyStore(String type) throws KeyStoreException {
        return KeyStore.getInstance(type, provider());
    }

    /** A new {@link Signature} from BouncyCastle, for example {@code "SM3withSM2"}. */
    public static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        return Signature.getInstance(algorithm, provider());
    }

    /** A new {@link KeyPairGenerator} from BouncyCastle, for example {@code "EC"}. */
    public static KeyPairGenerator keyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        return KeyPairGenerator.getInstance(algorithm, provider());
    }

    /** A new {@link KeyFactory} from BouncyCastle, for example {@code "EC"}. */
    public static KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
        return KeyFactory.getInstance(algorithm, provider());
    }

    /** New, uninitialised {@link AlgorithmParameters} from BouncyCastle, for example {@code "EC"}. */
    public static AlgorithmParameters algorithmParameters(String algorithm) throws NoSuchAlgorithmException {
        return AlgorithmParameters.getInstance(algorithm, provider());
    }
}
